local vals = {99999, 999999, 9999999, 100000, 1000000, 0.0001, 0.00001, 123456.5, 1234567.5, 0.00012345, 1e-4 * 0.99}
for _, v in ipairs(vals) do
  print(string.format("%g|%G|%.3g|%.10g|%#g|%-12g|%+g", v, v, v, v, v, v, v))
end
print(string.format("%g %g %g %g", 0, -0.0, 1e300, -1e-300))
print(string.format("%.0g %.1g %.2g", 123, 123, 123))
print(string.format("%#.0g %#.1g %#.2g", 123, 123, 123))
print(string.format("%g %g", 2^53, 2^63))
print(string.format("%G %G", 1e-20, 1e20))
print(string.format("%.1g|%.2g|%.20g", 0.15, 0.15, 0.15))
