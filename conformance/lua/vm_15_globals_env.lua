x = 10
print(x, _G.x, _G["x"])
_G.y = 20
print(y)
local name = "dyn" .. "amic"
_G[name] = "created"
print(dynamic)
x = nil
print(x, rawget(_G, "x"))
print(undefined_global_variable)
local count = 0
for k, v in pairs(_G) do count = count + 1 end
print(count > 20)
setmetatable(_G, {__index = function(_, k) return "default:" .. k end})
print(not_defined)
setmetatable(_G, {__newindex = function(t, k, v) rawset(t, k, v .. "!") end})
newvar = "value"
print(newvar)
setmetatable(_G, nil)
print(rawget(_G, "not_defined"))
local env = {}
local f = loadstring("a = 1; b = a + 1")
setfenv(f, env)
f()
print(env.a, env.b, a, b)
