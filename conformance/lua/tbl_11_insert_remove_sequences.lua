local t = {}
for i = 1, 10 do table.insert(t, i) end
for i = 1, 5 do table.remove(t, 1) end
print(#t, table.concat(t, ","))
for i = 1, 3 do table.insert(t, 2, "x" .. i) end
print(#t, table.concat(t, ","))
while #t > 2 do table.remove(t, 2) end
print(#t, table.concat(t, ","))
local q = {}
table.insert(q, "a") table.insert(q, "b") table.insert(q, 1, "z")
print(table.remove(q, 1), table.remove(q), table.remove(q), table.remove(q), #q)
local big = {}
for i = 1, 1000 do big[#big + 1] = i end
for i = 1, 500 do table.remove(big) end
print(#big, big[500], big[501])
for i = 1, 10 do table.insert(big, 1, -i) end
print(#big, big[1], big[10], big[11])
