print(table.maxn({}))
print(table.maxn({1, 2, 3}))
print(table.maxn({[1] = 1, [100] = 1}))
print(table.maxn({[1.5] = 1, [0.5] = 1}))
print(table.maxn({[-1] = 1, [-100] = 1}))
print(table.maxn({a = 1, b = 2}))
print(table.maxn({[2^53] = 1, [1] = 1}))
print(table.maxn({[1/0] = 1}))
local t = {1, 2, 3}
t[3] = nil
print(table.maxn(t))
