-- pairs order over pseudo-random integer and float keys
local seed = 7
local function rnd(n) seed = (seed * 16807) % 2147483647 return seed % n end
local t = {}
for i = 1, 30 do t[rnd(1000)] = i end
for i = 1, 10 do t[rnd(1000) + 0.25] = -i end
for i = 1, 5 do t[-rnd(100)] = i * 100 end
local out = {}
for k, v in pairs(t) do out[#out + 1] = k end
for i = 1, #out, 10 do print(table.concat(out, " ", i, math.min(i + 9, #out))) end
print(#out)
