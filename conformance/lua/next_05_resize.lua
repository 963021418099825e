local function keys(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) end
  return table.concat(out, " ")
end
local t = {}
for i = 1, 17 do
  t["s" .. i] = i
  if i == 1 or i == 2 or i == 3 or i == 5 or i == 9 or i == 17 then print(i, keys(t)) end
end
local mixed = {}
for i = 1, 12 do
  if i % 2 == 0 then mixed[i] = i else mixed["h" .. i] = i end
end
print(keys(mixed))
local grow = {}
for i = 1, 5 do grow[i] = i end
grow.x = "x"
for i = 6, 9 do grow[i] = i end
print(keys(grow))
local sparse = {}
sparse[1] = 1; sparse[3] = 3; sparse[5] = 5; sparse[7] = 7; sparse[2] = 2
print(keys(sparse))
local rev = {}
for i = 20, 1, -1 do rev[i] = i end
print(keys(rev))
