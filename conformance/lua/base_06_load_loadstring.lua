local f = loadstring("return 1 + 1")
print(f())
print(loadstring("return ...")(1, 2))
print(loadstring("local a, b = ... return b, a")("x", "y"))
print(pcall(loadstring("error('runtime')")))
print(loadstring("syntax error here"))
print(type(loadstring("")))
print(select("#", loadstring("")()))
print(pcall(loadstring))
print(pcall(loadstring, 5))
print(type(loadstring("return 5", "=name")))
local parts = {"ret", "urn ", "'pie", "ces'"}
local i = 0
local g = load(function() i = i + 1 return parts[i] end)
print(g())
local j = 0
print(load(function() j = j + 1 if j == 1 then return "return 'one'" end return "" end)())
print(load(function() return nil end)())
print(load(function() return "x =" end, "=rd"))
local k = 0
print(load(function() k = k + 1 if k == 1 then return "return " end if k == 2 then return "1 +" end end, "=inc"))
local chunks = 0
local fn = load(function() chunks = chunks + 1 if chunks <= 3 then return "x" .. chunks .. " = " .. chunks .. " " end end)
fn()
print(x1, x2, x3)
print(loadstring("return function() return 7 end")()())
print(type(dofile), type(loadfile))
print(loadfile("/nonexistent/file.lua"))
print(pcall(dofile, "/nonexistent/file.lua"))
