for e = -8, 16 do
  local v = 1.5 * 10 ^ e
  io.write(tostring(v), " ")
end
print()
for e = 12, 17 do io.write(tostring(10 ^ e - 1), " ", tostring(10 ^ e), " ") end
print()
print(123456789012345.6, 12345678901234.56, 0.000012345678901234)
print(1e-5, 1.5e-5, 0.0001, 0.00015, 123e-10)
print(-1e15, -1e14, -123456789012345, -0.1)
