local s = "abcde"
local idx = {-7, -5, -3, -1, 0, 1, 3, 5, 6, 8}
for _, i in ipairs(idx) do
  local row = {}
  for _, j in ipairs(idx) do row[#row + 1] = "[" .. s:sub(i, j) .. "]" end
  print(string.format("%3d", i), table.concat(row, " "))
end
print(s:sub(2.5, 3.5), s:sub("2", "3"), s:sub(-2.5))
print((""):sub(1, 1) == "", ("x"):sub(2, 1) == "", ("abc"):sub(-1, -1))
print(("hello"):sub(2), ("hello"):sub(-3, -2), ("hello"):sub(5, 5))
