local t = {10, 20, 30, x = "a", y = "b"}
local out = {}
table.foreach(t, function(k, v) out[#out + 1] = tostring(k) .. "=" .. tostring(v) end)
print(table.concat(out, " "))
out = {}
table.foreachi(t, function(i, v) out[#out + 1] = i .. "=" .. v end)
print(table.concat(out, " "))
print(table.foreach({}, print))
print(table.foreachi({}, print))
print(table.foreach({a = 1}, function(k, v) return k, v end))
