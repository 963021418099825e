-- String-keyed hash insert and lookup.
function bench()
  local keys = {}
  for i = 1, 2000 do keys[i] = "key" .. i end
  local t = {}
  for r = 1, 10 do
    for i = 1, #keys do t[keys[i]] = (t[keys[i]] or 0) + i end
  end
  local s = 0
  for i = 1, #keys do s = s + t[keys[i]] end
  return s
end
