local t = {}
for i = 1, 50 do t[i] = (i * 17) % 50 end
local sum_before = 0
for _, v in ipairs(t) do sum_before = sum_before + v end
table.sort(t, function(a, b) return a % 7 < b % 7 or (a % 7 == b % 7 and a < b) end)
local sum_after = 0
for _, v in ipairs(t) do sum_after = sum_after + v end
print(sum_before == sum_after, #t)
print(table.concat(t, " ", 1, 15))
local bools = {}
for i = 1, 10 do bools[i] = {v = i % 2 == 0, i = i} end
table.sort(bools, function(a, b) if a.v ~= b.v then return a.v end return a.i < b.i end)
for _, b in ipairs(bools) do io.write(b.i, " ") end print()
