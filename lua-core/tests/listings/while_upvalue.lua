local i = 0
while i < 3 do
  local j = i
  fs[i] = function() return j end
  i = i + 1
end
