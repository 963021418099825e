print(table.getn({1, 2, 3}), table.getn({}), table.getn({n = 10}))
print(pcall(table.getn))
print(pcall(table.getn, "x"))
print(pcall(table.setn, {}, 5))
print(table.maxn({}), table.maxn({1, 2, 3}), table.maxn({[10] = 1, [2.5] = 1}))
print(table.maxn({[-5] = 1}), table.maxn({a = 1, [3] = 1}), table.maxn({[1e10] = 1}))
print(pcall(table.maxn))
local out = {}
table.foreach({10, 20, x = "y"}, function(k, v) out[#out + 1] = tostring(k) .. "=" .. tostring(v) end)
print(table.concat(out, " "))
print(table.foreach({a = 1, b = 2}, function(k, v) if v == 2 then return "stopped at " .. k end end))
out = {}
table.foreachi({"a", "b", "c", nil, "e"}, function(i, v) out[#out + 1] = i .. tostring(v) end)
print(table.concat(out, " "))
print(table.foreachi({5, 6, 7}, function(i, v) if v == 6 then return i, v end end))
print(pcall(table.foreach, {1}, 5))
print(pcall(table.foreachi, nil, print))
local keys = {}
for k in pairs(table) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
