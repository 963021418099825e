-- String building with .. and table.concat.
function bench()
  local parts = {}
  for i = 1, 5000 do
    parts[#parts + 1] = "item" .. i .. ";"
  end
  local s = table.concat(parts)
  local t = ""
  for i = 1, 500 do t = t .. "x" end
  return #s + #t
end
