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
-- Defaults are the timed workload; benches/memory.sh asks for bigger trees and one
-- kept alive (of depth `long_depth`) while the others are built and dropped.
function bench(depth, rounds, long_depth)
  local long = long_depth and make(long_depth)
  local total = 0
  for i = 1, rounds or 8 do total = total + check(make(depth or 12)) end
  if long then total = total + check(long) end
  return total
end
