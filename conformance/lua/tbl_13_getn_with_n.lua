print(table.getn({n = 3}), table.getn({1, 2, n = 5}), #{1, 2, n = 5})
local t = {1, 2, 3}
t.n = 10
print(table.getn(t), #t)
table.insert(t, 4)
print(#t, t.n)
print(table.maxn({1, 2, [5.5] = 1}), table.maxn({[-1] = 1, [0] = 2}))
local sparse = {}
sparse[100] = 1
print(#sparse == 0 or #sparse == 100, table.maxn(sparse))
