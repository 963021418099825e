local vals = {0, 1, -1, 0.5, 0.1, 1/3, 100, 1e14, 1e15, 1e16, 123456789012, 1234567890123456,
  2^24, 2^31, 2^32, 2^53, 2^63, 2^64, 1e-4, 1e-5, 1.5e-7, 3.14159265358979, 1e300, 2^-20,
  12345.678, -12345.678, 99999999999999, 999999999999999, 0.30000000000000004}
for i, v in ipairs(vals) do print(i, tostring(v), v .. "") end
print(1/0, -1/0, math.huge, -math.huge)
print(tostring(1e15), tostring(-1e15), tostring(1e-15))
print(tostring(nil), tostring(true), tostring(false), tostring("s"))
print(pcall(tostring))
print(tostring(12, 13))
print(string.format("%.14g", 0.1), string.format("%.17g", 0.1))
