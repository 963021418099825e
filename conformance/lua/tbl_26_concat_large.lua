local t = {}
for i = 1, 10000 do t[i] = i % 10 end
local s = table.concat(t)
print(#s, s:sub(1, 12), s:sub(-5))
local u = {}
for i = 1, 1000 do u[i] = "item" .. i end
local joined = table.concat(u, ",")
print(#joined, select(2, joined:gsub(",", ",")))
print(table.concat(u, ",", 998), table.concat(u, "", 1, 3))
print(#table.concat({}, string.rep("x", 100)), #table.concat({"a", "b"}, string.rep("x", 100)))
