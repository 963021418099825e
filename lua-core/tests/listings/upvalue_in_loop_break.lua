for i = 1, 10 do
  local x = i
  f(function() return x end)
  if x > 5 then break end
end
while true do
  local y
  g(function() return y end)
  break
end
