local a = x == y
local b = x ~= y and 1
local c = (x < y) or (y < z)
t.v = x >= 1
f(x <= 2)
return x > 3
