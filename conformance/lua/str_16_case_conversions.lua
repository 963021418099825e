local function snake(s) return (s:gsub("(%l)(%u)", "%1_%2"):lower()) end
local function camel(s) return (s:gsub("_(%a)", function(c) return c:upper() end)) end
local function title(s) return (s:gsub("(%a)([%w']*)", function(a, b) return a:upper() .. b:lower() end)) end
for _, s in ipairs({"camelCaseString", "HTTPServer", "already_snake", "x", ""}) do print(s, snake(s)) end
for _, s in ipairs({"snake_case_string", "_leading", "trailing_", "no"}) do print(s, camel(s)) end
print(title("the QUICK brown fox's tail"))
print(("MiXeD 123 !?"):upper(), ("MiXeD 123 !?"):lower())
print(snake("aB"), camel("a_b_c"), title("x"))
print(snake("getHTTPResponseCode"), camel("__double__"))
print(title("o'neil mc-donald"))
