a, b, c = f()
local x, y, z = 1, f()
a.x, b.y = 1, 2
a[1], a[2], a[3] = 3, 2, 1
local p, q
p, q = q, p
