-- Coroutine switching.
function bench()
  local co = coroutine.wrap(function()
    local i = 0
    while true do i = i + 1; coroutine.yield(i) end
  end)
  local s = 0
  for i = 1, 20000 do s = s + co() end
  return s
end
