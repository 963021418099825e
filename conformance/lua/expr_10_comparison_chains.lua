local vals = {-1, 0, 1, 2.5, "a", "b", "10", "9"}
for i = 1, #vals do
  local row = {}
  for j = 1, #vals do
    local ok, r = pcall(function() return vals[i] < vals[j] end)
    row[#row + 1] = ok and (r and "T" or "F") or "E"
  end
  print(tostring(vals[i]), table.concat(row, " "))
end
print(1 == 1.0, -0 == 0, "abc" == "abc", "1" == 1)
