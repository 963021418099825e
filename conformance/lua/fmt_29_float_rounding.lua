local vals = {0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 0.125, 0.375, 1.005, 2.675, 1e-7, 0.45, 0.55, 9.995}
for _, v in ipairs(vals) do
  print(v, string.format("%.0f %.1f %.2f %.2e %.3g", v, v, v, v, v))
end
print(string.format("%.1f %.1f %.1f %.1f", 0.05, 0.15, 0.25, 0.35))
print(string.format("%.2f %.2f %.2f", 1.115, 1.125, 1.135))
print(string.format("%.0f %.0f %.0f %.0f", 0.49999999999999994, 4.5, 5.5, -4.5))
print(string.format("%.3e %.3e", 1.0005, 1.0015))
print(string.format("%.15g %.16g %.17g", 0.1, 0.1, 0.1))
print(string.format("%.1f|%.1f|%.1f", 0.95, 1.95, -0.95))
