local function keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = tostring(k) end
  return table.concat(out, " ")
end
local t = {}
for i = 1, 12 do t["f" .. i] = i end
print(keys(t))
for k, v in pairs(t) do if v % 3 == 0 then t[k] = nil end end
print(keys(t))
for k, v in pairs(t) do t[k] = v * 2 end
print(keys(t))
local sum = 0
for k, v in pairs(t) do sum = sum + v end
print(sum)
local arr = {1, 2, 3, 4, 5, 6}
for i, v in pairs(arr) do if v % 2 == 0 then arr[i] = nil end end
print(keys(arr))
