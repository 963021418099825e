local nums = {1, -1, 0.5, 100, 1e3, 1e100, 2^31, 2^63, 1/3, -1/3, 123.456, 1e-7}
for _, n in ipairs(nums) do
  print(tostring(n), n .. "", string.format("%s", n), string.format("%.14g", n), #tostring(n))
end
print(("x"):rep(3) .. 1 .. 2.5)
print(tostring(1e15) == "1e+15", tostring(123456789012345) == "1.2345678901234e+14")
for _, n in ipairs({0.1, 0.01, 1e-3, 1e-4, 1e-5}) do io.write(tostring(n), " ", tostring(-n), " ") end
print()
print(1e300 * 10, -1e300 * 10, 2^-1074)
print(100 .. "", 100.0 .. "", 1e2 .. "")
