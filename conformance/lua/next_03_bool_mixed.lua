local function keys(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = type(k):sub(1, 1) .. ":" .. tostring(k) end
  return table.concat(out, " ")
end
print(keys({[true] = 1, [false] = 2}))
print(keys({[true] = 1, [false] = 2, a = 3, [1] = 4, [2.5] = 5}))
print(keys({1, 2, 3, x = "x", y = "y", [true] = "t"}))
print(keys({"a", "b", n = 2, [10] = "ten", [-5] = "m5", s = "s"}))
local t = {}
t.x = 1; t[1] = 1; t[true] = 1; t.y = 1; t[2] = 1; t[false] = 1; t[3.25] = 1
print(keys(t))
local u = {n = 0}
for i = 1, 5 do u[i] = i; u["k" .. i] = i end
print(keys(u))
