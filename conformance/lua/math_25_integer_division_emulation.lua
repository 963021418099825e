local function idiv(a, b) return math.floor(a / b) end
local pairs_ = {{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {10, 5}, {1, 3}, {-1, 3}, {2^40, 3}}
for _, p in ipairs(pairs_) do
  local a, b = p[1], p[2]
  local q = idiv(a, b)
  print(a, b, q, a % b, q * b + a % b == a)
end
print(math.floor(7 / 0), math.floor(-7 / 0), 7 % 0 ~= 7 % 0)
print(math.floor(2^53 / 3), (2^53) % 3, math.floor(1e15 / 7), 1e15 % 7)
print(math.floor(-0.5 / 1), math.floor(9 / 3), math.floor(-9 / 3))
