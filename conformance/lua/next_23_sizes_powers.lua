for _, n in ipairs({1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33}) do
  local t = {}
  for i = 1, n do t["k" .. i] = true end
  local out = {}
  for k in pairs(t) do out[#out + 1] = k:sub(2) end
  print(n, table.concat(out, ","))
end
local arr = {}
for i = 1, 12 do arr[i] = i end
arr.x = 1; arr.y = 2; arr.z = 3
local o = {}
for k in pairs(arr) do o[#o + 1] = tostring(k) end
print(table.concat(o, ","))
