local rows = {{"apple", 3, 0.5}, {"banana", 12, 0.25}, {"cherry", 100, 7.125}, {"kiwi", 0, 12}}
print(string.format("%-10s %5s %8s %9s", "item", "qty", "price", "total"))
print(string.rep("-", 35))
local sum = 0
for _, r in ipairs(rows) do
  local total = r[2] * r[3]
  sum = sum + total
  print(string.format("%-10s %5d %8.2f %9.3f", r[1], r[2], r[3], total))
end
print(string.rep("-", 35))
print(string.format("%-10s %24.3f", "sum", sum))
print(string.format("%5.1f%%", 100 * 3 / 7))
