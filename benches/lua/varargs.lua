-- Varargs with select and unpack.
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + select(i, ...) end
  return s
end
local function pass(...) return sum(...) end
function bench()
  local t = {1, 2, 3, 4, 5, 6, 7, 8}
  local s = 0
  for i = 1, 10000 do s = s + pass(unpack(t)) end
  return s
end
