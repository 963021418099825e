local t = {len = "field", upper = function(self) return "own upper" end}
print(t.len, t:upper())
local s = "str"
print(s.len == string.len, s:len())
local n = setmetatable({}, {__index = string})
print(n.format("%d", 5), pcall(n.upper))
local str_meta = getmetatable("")
print(rawget(str_meta, "__index") == string, rawget(str_meta, "__len"))
local obj = {upper = 1}
print(obj.upper, ("x").upper == string.upper)
print(pcall(function() return obj:upper() end))
