local t = {}
for i = 1, 20 do t["k" .. i] = i end
for i = 1, 10 do t[i] = i end
local visited = 0
for k, v in pairs(t) do
  visited = visited + 1
  t[k] = type(v) == "number" and v * 2 or v
end
print("visited", visited)
local sum = 0
for k, v in pairs(t) do sum = sum + v end
print("sum", sum)
local order1, order2 = {}, {}
for k in pairs(t) do order1[#order1 + 1] = tostring(k) end
for k in pairs(t) do t[k] = nil end
for _, k in ipairs(order1) do local n = tonumber(k) t[n or k] = 1 end
for k in pairs(t) do order2[#order2 + 1] = tostring(k) end
print(table.concat(order1, " "))
print(table.concat(order2, " "))
