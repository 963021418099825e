local function keys(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) end
  return table.concat(out, " ")
end
print(keys({10, 20, 30, [5] = 50, [100] = 100}))
print(keys({[1.5] = 1, [2.5] = 2, [-1] = 3, [0] = 4}))
print(keys({[2^53] = 1, [2^31] = 2, [2^32] = 3, [-2^31] = 4}))
print(keys({[1e100] = 1, [-1e100] = 2, [1/0] = 3, [-1/0] = 4}))
print(keys({[0.1] = 1, [0.2] = 2, [0.3] = 3, [0.5] = 4}))
local t = {}
for i = 10, 1, -1 do t[i * 7] = i end
print(keys(t))
local s = {}
for i = 1, 16 do s[-i] = i end
print(keys(s))
local z = {}
z[-0] = "negzero"
print(keys(z), z[0])
local m = {}
for i = 1, 8 do m[i + 0.5] = i end
print(keys(m))
print(keys({[3] = 3, [1] = 1, [2] = 2}))
print(keys({[4] = 4, [3] = 3, [2] = 2, [1] = 1}))
local big = {}
for i = 1, 6 do big[i * 1000000] = i end
print(keys(big))
