local t = {"a", "b", "c", "d", "e"}
print(table.remove(t), #t, table.concat(t, ","))
print(table.remove(t, 1), #t, table.concat(t, ","))
print(table.remove(t, 2), #t, table.concat(t, ","))
print(table.remove(t, #t), #t, table.concat(t, ","))
print(table.remove(t), #t)
print(table.remove(t), #t)
print(select("#", table.remove({})))
print(table.remove({}, 1), table.remove({}, 5))
local u = {1, 2, 3}
print(table.remove(u, 5), #u)
print(table.remove(u, 0), #u)
print(table.remove(u, -1), #u)
print(pcall(table.remove))
print(pcall(table.remove, "x"))
print(pcall(table.remove, {}, "x"))
local v = {1, 2, 3, nil, 5}
print(#v == 5 or #v == 3)
local w = {[1] = "one", [2] = "two", n = 2}
print(table.remove(w), w.n, #w)
local q = {}
for i = 1, 5 do q[i] = i end
while #q > 0 do io.write(table.remove(q, 1), " ") end print()
