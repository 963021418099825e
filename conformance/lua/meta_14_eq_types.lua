local called = 0
local mt = {__eq = function() called = called + 1 return true end}
local t = setmetatable({}, mt)
local u = newproxy(true)
getmetatable(u).__eq = mt.__eq
print(t == u, called)
print(t == "x", t == 1, t == nil, t == true, called)
local t2 = setmetatable({}, mt)
print(t == t2, called)
local f1, f2 = function() end, function() end
print(f1 == f2, f1 == f1)
print("a" == "a", "a" == "b", 1 == 1.0, 0 == -0, "1" == 1)
local a = setmetatable({}, {__eq = function() return true end})
local b = setmetatable({}, {__eq = function() return true end})
print(a == b, a ~= b)
local c = setmetatable({}, {__eq = function(x, y) return x.v == y.v end})
local d = setmetatable({}, getmetatable(c))
c.v, d.v = 1, 1
print(c == d)
d.v = 2
print(c == d, c ~= d)
