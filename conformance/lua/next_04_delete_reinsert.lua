local function keys(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) end
  return table.concat(out, " ")
end
local t = {a = 1, b = 2, c = 3, d = 4, e = 5}
print(keys(t))
t.c = nil
print(keys(t))
t.c = 33
print(keys(t))
t.a = nil; t.e = nil
print(keys(t))
t.f = 6; t.g = 7
print(keys(t))
t.a = 1
print(keys(t))
local u = {}
for i = 1, 10 do u["k" .. i] = i end
for i = 1, 10, 2 do u["k" .. i] = nil end
print(keys(u))
for i = 11, 15 do u["k" .. i] = i end
print(keys(u))
local n = {}
for i = 1, 8 do n[i] = i end
n[4] = nil
print(keys(n), #n == 8 or #n == 3)
n[4] = 4
print(keys(n))
