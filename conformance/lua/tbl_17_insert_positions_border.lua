local t = {1, 2, 3}
table.insert(t, 4, "end")
print(#t, table.concat(t, ","))
table.insert(t, 1, "start")
print(#t, table.concat(t, ","))
table.insert(t, 3, "mid")
print(#t, table.concat(t, ","))
local u = {}
table.insert(u, 1, "only")
print(#u, u[1])
local v = {n = 0}
table.insert(v, "x")
table.insert(v, #v + 1, "y")
print(#v, v[1], v[2], v.n)
print(table.remove(v, #v + 1), #v)
print(table.remove({}, 0))
