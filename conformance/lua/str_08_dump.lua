local function add(a, b) return a + b end
local d = string.dump(add)
print(type(d), #d > 0)
local f = loadstring(d)
print(type(f), f(2, 3))
local g = load(function() local s = d d = nil return s end)
print(g(10, 20))
local function withconst() local t = {x = "str", y = 1.5} return t.x .. t.y end
print(loadstring(string.dump(withconst))())
local function varargs(...) return select("#", ...), ... end
print(loadstring(string.dump(varargs))(1, nil, 3))
print(pcall(string.dump, print))
print(pcall(string.dump))
print(pcall(string.dump, 5))
local function loop() local s = 0 for i = 1, 10 do s = s + i end return s end
print(loadstring(string.dump(loop))())
