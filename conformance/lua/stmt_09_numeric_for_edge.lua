local function collect(a, b, s)
  local r = {}
  for i = a, b, s do r[#r + 1] = i if #r > 12 then break end end
  return #r, table.concat(r, ",")
end
print(collect(1, 3, 1))
print(collect(1, 3, 0.5))
print(collect(3, 1, -0.5))
print(collect(1, 1.0001, 0.0001))
print(collect(0.1, 0.5, 0.1))
print(collect(-1, -3, -1))
print(collect(1, math.huge, 2^52))
print(collect(1, -math.huge, -1))
print(collect(1, 0/0, 1))
print(collect(0/0, 1, 1))
print(collect(1, 2, 1/0))
print(collect(1, 0, -1/0))
print(pcall(collect, 1, 2, "x"))
print(collect("2", "4", "1"))
