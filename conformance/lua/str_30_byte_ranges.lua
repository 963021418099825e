local s = "abcdef"
local ranges = {{1, 1}, {1, 3}, {-3, -1}, {-10, 2}, {5, 100}, {4, 2}, {0, 0}, {0, 1}, {7, 7}, {-1, -1}, {2, -2}}
for _, r in ipairs(ranges) do
  print(r[1], r[2], select("#", s:byte(r[1], r[2])), s:byte(r[1], r[2]))
end
print(s:byte(), s:byte(nil), s:byte(1.5), select("#", (""):byte(1, -1)))
print(pcall(s.byte, s, "x"))
print(("\255\0"):byte(1, 2))
print(string.byte("x", 1, 0), string.byte("xyz", 3, 3))
print(pcall(string.byte))
