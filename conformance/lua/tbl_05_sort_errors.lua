print(pcall(table.sort, {3, "a", 1}))
print(pcall(table.sort, {1, 2, {}}))
print(pcall(table.sort, {{}, {}}))
print(pcall(table.sort))
print(pcall(table.sort, "x"))
print(pcall(table.sort, {}, 5))
print(pcall(table.sort, {1, 2, 3}, function(a, b) error("cmp fail") end))
print(pcall(table.sort, {1, 2, 3}, function(a, b) return a.x < b end))
local t = {5, 4, 3, 2, 1, 6, 7, 8, 9, 10}
print(pcall(table.sort, t, function(a, b) return true end))
local u = {1, 1, 1, 1, 1}
print(pcall(table.sort, u, function(a, b) return true end))
local v = {}
for i = 1, 20 do v[i] = 21 - i end
print(pcall(table.sort, v, function(a, b) return a <= b end))
print(pcall(table.sort, {3, 1, 2}, function(a, b) return nil end))
local w = {3, 1, 2, nil, 5}
print(pcall(table.sort, w))
