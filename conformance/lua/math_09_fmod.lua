local pairs_ = {{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {5.5, 2}, {-5.5, 2}, {1, 0}, {0, 0}, {-1, 0}, {0, 5}, {1e308, 1e-308}, {2, 0.5}, {1/0, 2}, {3, 1/0}, {-3, 1/0}, {0/0, 1}}
local fns = {"fmod"}
for _, name in ipairs(fns) do
  for _, p in ipairs(pairs_) do
    local ok, r = pcall(math[name], p[1], p[2])
    print(name, string.format("%.14g", p[1]), string.format("%.14g", p[2]), ok, ok and string.format("%.14g", r) or r)
  end
end
print(math.fmod(5.5, 1.5), math.fmod(-5.5, 1.5), math.fmod(1e20, 3))
print(math.fmod(0.3, 0.1) < 0.1, math.fmod(7, 7), math.fmod(-0.0, 1))
