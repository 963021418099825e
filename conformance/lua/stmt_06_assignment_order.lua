-- multiple assignment: all expressions evaluated before assigning
local a, b = 1, 2
a, b = b, a
print("swap", a, b)
local t = {1, 2, 3}
local i = 1
i, t[i] = i + 1, 20
print("index-before", i, t[1], t[2])
local x, y, z = (function() return 1, 2, 3 end)()
print("multi", x, y, z)
x, y, z = 0
print("fill-nil", x, y, z)
x, y = 1, 2, 3
print("drop", x, y)
local function f() return 10, 20 end
x, y, z = f(), 5
print("trunc", x, y, z)
x, y, z = 5, f()
print("expand", x, y, z)
local log = {}
local mt = {__newindex = function(tt, k, v) log[#log + 1] = k .. "=" .. tostring(v) rawset(tt, k, v) end}
local p = setmetatable({}, mt)
p.a, p.b, p.c = 1, 2, 3
print("newindex-order", table.concat(log, " "))
local q = {}
q.x, q.x = 1, 2
print("same-target", q.x)
local r = {}
local n = 1
n, r[n], r[n + 1] = 5, "a", "b"
print("targets-eval", n, r[1], r[2], r[5])
