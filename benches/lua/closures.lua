-- Closure creation and upvalue access.
local function counter()
  local n = 0
  return function(d) n = n + d; return n end
end
function bench()
  local total = 0
  for i = 1, 20000 do
    local c = counter()
    c(i); c(1)
    total = total + c(2)
  end
  return total
end
