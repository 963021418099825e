print(table.concat({1, 2, 3}, ", "))
print(table.concat({1.5, -2.25, 1e100, 1/3}, " "))
print(table.concat({2^53, 1e15, 1e16, 0.1}, " "))
print(table.concat({"a", 1, "b", 2}, ""))
print(table.concat({1, 2, 3}, 0))
print(table.concat({1, 2, 3}, 1.5))
local t = {}
for i = 1, 20 do t[i] = i * i end
print(table.concat(t, "+", 5, 10))
print(table.concat(t, "", 20, 20), table.concat(t, "", 21, 20))
print(pcall(table.concat, t, "", 19, 21))
print(pcall(table.concat, {1, 2, 3}, "", -1, 2))
