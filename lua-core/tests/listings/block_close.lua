do
  local a = 1
  f(function() return a end)
end
while x do
  local b = 2
  f(function() return b end)
  if b then break end
end
