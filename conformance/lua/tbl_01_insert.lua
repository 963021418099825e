local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 1, "c")
table.insert(t, 2, "d")
table.insert(t, #t + 1, "e")
print(#t, table.concat(t, ","))
table.insert(t, 3, nil)
print(#t, t[1], t[2], t[3], t[4])
print(pcall(table.insert, t))
print(pcall(table.insert, nil, 1))
print(pcall(table.insert, t, 1, 2, 3))
print(pcall(table.insert, t, "x", 1))
print(pcall(table.insert, {}, 0, "zero"))
print(pcall(table.insert, {}, 5, "far"))
print(pcall(table.insert, {}, -1, "neg"))
local u = {1, 2, 3}
table.insert(u, 10, "ten")
print(#u, u[10])
local v = {1, 2, 3}
table.insert(v, 0, "zero")
print(#v, v[0], v[1])
local w = {}
for i = 1, 10 do table.insert(w, 1, i) end
print(table.concat(w, " "))
local x = {n = 1}
table.insert(x, "v")
print(x[1], x.n)
local y = {1, 2, 3}
table.insert(y, 2.5, "frac")
print(table.concat(y, ","))
