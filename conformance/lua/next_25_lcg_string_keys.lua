-- pairs order over pseudo-random string keys of varied lengths
local seed = 2024
local function rnd(n) seed = (seed * 16807) % 2147483647 return seed % n end
local t = {}
for i = 1, 40 do
  local len = rnd(12) + 1
  local chars = {}
  for j = 1, len do chars[j] = string.char(97 + rnd(26)) end
  t[table.concat(chars)] = i
end
local out = {}
for k, v in pairs(t) do out[#out + 1] = k .. "=" .. v end
for i = 1, #out, 8 do print(table.concat(out, " ", i, math.min(i + 7, #out))) end
for k in pairs(t) do if t[k] % 3 == 0 then t[k] = nil end end
out = {}
for k, v in pairs(t) do out[#out + 1] = v end
print(table.concat(out, " "))
