-- string.format with numbers and strings.
function bench()
  local n = 0
  for i = 1, 10000 do
    local s = string.format("%d:%s:%5.2f:%x", i, "name", i / 7, i)
    n = n + #s
  end
  return n
end
