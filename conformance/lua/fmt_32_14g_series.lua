local v = 1
for i = 1, 20 do
  v = v * 7.3
  print(i, string.format("%.14g", v), tostring(v), string.format("%.14g", 1 / v))
end
for i = 1, 5 do
  local v = 10 ^ -i / 3
  print(-i, string.format("%.14g", v), tostring(-v))
end
print(string.format("%.14g|%.14g|%.14g", 2^-20, 2^20 + 0.5, 1e14 + 0.5))
