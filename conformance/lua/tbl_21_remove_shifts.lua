local t = {}
for i = 1, 8 do t[i] = string.char(96 + i) end
print(table.remove(t, 3), table.concat(t))
print(table.remove(t, 1), table.concat(t))
print(table.remove(t, #t), table.concat(t))
print(table.remove(t, 2), table.concat(t))
print(#t, t[#t + 1], t[5])
local h = {1, 2, 3, [5] = 5}
print(table.remove(h), #h)
local s = {"only"}
print(table.remove(s, 1), #s, s[1])
