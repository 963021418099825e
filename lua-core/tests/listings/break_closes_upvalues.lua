for i = 1, 3 do
  local x = i
  do
    local y = x
    f(function() return y end)
    if y then break end
  end
end
while true do
  local z = 1
  repeat
    local w = z
    g(function() return w end)
    if w then break end
  until w
  break
end
