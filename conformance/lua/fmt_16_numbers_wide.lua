local vals = {0, 0.5, 1, 9.99, 10, 99.5, 100, 1234.5678, 1e9, 2^31, 2^53, 1e20, -0.001, 123e-20}
for _, v in ipairs(vals) do
  print(string.format("%-14s|%14.3f|%-14.2e|%14g|%.3g|%#.3g|%+.0f", tostring(v), v, v, v, v, v, v))
end
for _, v in ipairs({0, 1, 255, 65535, 2^31 - 1, 2^31, 2^32 - 1}) do
  print(string.format("%12d|%-12x|%#12X|%012o|%+12i|%u", v, v, v, v, v, v))
end
for _, v in ipairs({-1, -255, -2^31}) do
  print(string.format("%12d|%+12i|%012d", v, v, v))
end
