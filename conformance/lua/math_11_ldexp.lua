local pairs_ = {{1, 0}, {1, 10}, {0.5, -1}, {3, 2}, {-1, 1024}, {1, -1075}, {1, 1023}, {1, 1024}, {0, 100}, {1.5, 2.7}}
local fns = {"ldexp"}
for _, name in ipairs(fns) do
  for _, p in ipairs(pairs_) do
    local ok, r = pcall(math[name], p[1], p[2])
    print(name, string.format("%.14g", p[1]), string.format("%.14g", p[2]), ok, ok and string.format("%.14g", r) or r)
  end
end
print(math.ldexp(3, -1), math.ldexp(-2, 3), math.ldexp(0.75, 4))
print(math.ldexp(1, 52) == 2^52, math.ldexp(1, 53) + 1 == 2^53)
