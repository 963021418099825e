local vals = {2^31 - 1, 2^31, 2^32, 2^52, 2^53 - 1, 2^53, 2^53 + 2, 2^63, 2^64, -2^63, 1e16, 123456789012345678}
for _, v in ipairs(vals) do
  print(v, string.format("%.0f", v), math.floor(v) == v, v % 2, v % 10, math.fmod(v, 10))
end
print(math.floor(-0.0), math.ceil(-0.5), math.floor(0.5), math.ceil(0.5))
print(math.floor(-2^53 - 0.5), math.ceil(2^52 + 0.5))
print(7 % 3, -7 % 3, 7 % -3, -7 % -3, 7.5 % 2, -7.5 % 2)
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7, -3))
print(1e15 % 7, 2^53 % 3, (2^53 + 2) % 3)
print(2^53 == 2^53 + 1, 2^52 + 0.5 == 2^52, 2^52 + 1 == 2^52)
