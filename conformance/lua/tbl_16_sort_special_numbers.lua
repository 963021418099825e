local t = {1/0, -1/0, 0, -1e308, 1e308, 5e-324, -5e-324, 2^53, -2^53, 0.1}
table.sort(t)
for i, v in ipairs(t) do io.write(string.format("%.14g", v), " ") end print()
table.sort(t, function(a, b) return a > b end)
for i, v in ipairs(t) do io.write(string.format("%.14g", v), " ") end print()
local s = {"10", "9", "1e2", "0x10", " 5", "-1"}
table.sort(s)
print(table.concat(s, "|"))
table.sort(s, function(a, b) return tonumber(a) < tonumber(b) end)
print(table.concat(s, "|"))
