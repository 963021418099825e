local vals = {99999, 999999, 9999999, 100000, 1000000, 0.0001, 0.00001, 123456.5, 1234567.5, 0.00012345, 1e-4 * 0.99}
for _, v in ipairs(vals) do
  print(string.format("%g|%G|%.3g|%.10g|%#g|%-12g|%+g", v, v, v, v, v, v, v))
end
