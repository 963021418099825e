-- gsub with table and function replacements, byte and sub over a long string.
local text = string.rep("alpha beta gamma delta ", 500)
local map = {alpha = "A", beta = "B", gamma = "G"}
function bench()
  local a, n1 = text:gsub("%a+", map)
  local b, n2 = text:gsub("(%a)(%a*)", function(first, rest) return first:upper() .. rest end)
  local sum = 0
  for i = 1, #text, 7 do sum = sum + text:byte(i) end
  return #a + n1 + #b + n2 + sum + #text:sub(10, -10)
end
