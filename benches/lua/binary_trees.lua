-- Allocation-heavy: build and walk binary trees.
local function make(d)
  if d == 0 then return {} end
  d = d - 1
  return {make(d), make(d)}
end
local function check(t)
  if t[1] then return 1 + check(t[1]) + check(t[2]) end
  return 1
end
function bench()
  local total = 0
  for i = 1, 8 do total = total + check(make(12)) end
  return total
end
