local t = {}
t.a, t.b = f()
t[1], t[2], t[3] = g(), h()
local x, y = ..., 1
a, b = ...
