local mt = {__index = function(n, k) return k .. "(" .. n .. ")" end}
print(debug.setmetatable(5, mt))
print((7).double, (1.5).x)
print(debug.getmetatable(1) == mt, getmetatable(2) == mt)
debug.setmetatable(5, nil)
print(pcall(function() return (7).double end))
local env = {y = "env y"}
local function f() return y end
print(debug.setfenv(f, env) == f, f(), debug.getfenv(f) == env)
print(pcall(debug.setfenv, f, 5))
local t = setmetatable({}, {__metatable = "locked"})
print(getmetatable(t), type(debug.getmetatable(t)))
print(debug.setmetatable(t, nil) == t, getmetatable(t))
print(type(debug.getregistry()), debug.getregistry() == debug.getregistry())
local bmt = {__index = function(b, k) return "bool " .. k end}
debug.setmetatable(true, bmt)
print((true).x, (false).y)
debug.setmetatable(true, nil)
print(pcall(function() return (true).x end))
