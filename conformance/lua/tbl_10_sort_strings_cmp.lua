local seed = 7
local function rnd(n) seed = (seed * 69069 + 1) % 4294967296 return seed % n end
local t = {}
for i = 1, 100 do
  local len = rnd(6) + 1
  local s = {}
  for j = 1, len do s[j] = string.char(97 + rnd(26)) end
  t[i] = table.concat(s)
end
table.sort(t)
print(t[1], t[2], t[50], t[99], t[100])
table.sort(t, function(a, b) if #a ~= #b then return #a > #b end return a < b end)
print(t[1], t[2], t[50], t[99], t[100])
local uniq, prev = 0, nil
table.sort(t)
for _, v in ipairs(t) do if v ~= prev then uniq = uniq + 1 prev = v end end
print("unique", uniq)
