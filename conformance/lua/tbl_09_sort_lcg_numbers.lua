local seed = 12345
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
for _, size in ipairs({5, 17, 64, 300}) do
  local t = {}
  for i = 1, size do t[i] = rnd(1000) - 500 end
  table.sort(t)
  local ok = true
  for i = 2, #t do if t[i - 1] > t[i] then ok = false end end
  print(size, ok, t[1], t[math.floor(size / 2)], t[size])
  table.sort(t, function(a, b) return a > b end)
  print(size, "desc", t[1], t[size])
end
