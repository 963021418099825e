-- Array part: fill and read.
function bench()
  local t = {}
  for i = 1, 100000 do t[i] = i * 2 end
  local s = 0
  for j = 1, 3 do
    for i = 1, #t do s = s + t[i] end
  end
  return s
end
