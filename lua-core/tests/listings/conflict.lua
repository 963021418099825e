local a, b = {}, 1
a[b], b = 1, 2
a.x, a = 1, 2
local i
i, a[i] = i+1, 20
