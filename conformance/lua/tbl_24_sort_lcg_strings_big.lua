local seed = 99
local function rnd(n) seed = (seed * 16807) % 2147483647 return seed % n end
local t = {}
for i = 1, 500 do t[i] = string.format("%05d", rnd(100000)) end
table.sort(t)
local ok = true
for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
print(ok, t[1], t[250], t[500])
table.sort(t, function(a, b) return a > b end)
print(t[1], t[500])
