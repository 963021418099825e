local vals = {0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 0.125, 0.375, 1.005, 2.675, 1e-7, 0.45, 0.55, 9.995}
for _, v in ipairs(vals) do
  print(v, string.format("%.0f %.1f %.2f %.2e %.3g", v, v, v, v, v))
end
