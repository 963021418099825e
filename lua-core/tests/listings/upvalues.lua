local a = 1
local function f()
  local b = 2
  return function()
    a = a + b
    return function() return a, b end
  end
end
do
  local c = 3
  g = function() return c end
end
for i = 1, 3 do
  local d = i
  h = function() return d end
end
