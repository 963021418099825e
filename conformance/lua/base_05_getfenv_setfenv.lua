local env = {print = print, x = "from env"}
local function f() return x end
x = "global x"
print(f())
setfenv(f, env)
print(f())
print(getfenv(f) == env, getfenv(print) == _G, getfenv() == _G, getfenv(0) == _G)
local function g() setfenv(1, {y = "inner"}) return y end
print(pcall(g))
print(x)
local chunk = loadstring("z = 10 return z")
local cenv = {}
setfenv(chunk, cenv)
print(chunk(), cenv.z, z)
local meta_env = setmetatable({}, {__index = _G})
local h = loadstring("newglobal = 'in sandbox' return print ~= nil")
setfenv(h, meta_env)
print(h(), meta_env.newglobal, newglobal)
print(pcall(setfenv, print, {}))
print(pcall(setfenv, 1, 5))
print(pcall(setfenv, f, nil))
print(pcall(getfenv, -1))
print(pcall(getfenv, 100))
print(pcall(getfenv, "x"))
local function level2() return getfenv(2) end
local caller = setfenv(function() return (level2()) end, env)
print(caller() == env)
print(setfenv(f, _G) == f, f())
local thread_env = {}
print(pcall(setfenv, 0, _G))
local co = coroutine.create(function() return 1 end)
print(pcall(getfenv, co))
print(getfenv(1) == _G, getfenv(f) == _G)
