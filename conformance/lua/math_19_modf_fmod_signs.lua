for _, v in ipairs({3.75, -3.75, 0.5, -0.5, 5, -5, 1e20, 2^53 + 0.5}) do
  local i, f = math.modf(v)
  print(string.format("%.14g", v), i, f)
end
for _, p in ipairs({{10, 3}, {-10, 3}, {10, -3}, {-10, -3}, {10.5, 3}, {-10.5, 3}, {3, 10}, {-3, 10}}) do
  print(p[1], p[2], math.fmod(p[1], p[2]), p[1] % p[2])
end
print(math.mod(7, 3), math.mod(-7, 3))
print(math.modf(1/0), math.modf(-1/0))
print(math.modf(0), math.modf(-2.5), math.modf("3.25"))
