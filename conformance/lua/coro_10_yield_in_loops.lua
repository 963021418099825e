local co = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield("for " .. i) end
  local i = 0
  while i < 2 do i = i + 1 coroutine.yield("while " .. i) end
  repeat i = i - 1 coroutine.yield("repeat " .. i) until i == 0
  for k, v in ipairs({"a", "b"}) do coroutine.yield("ipairs " .. k .. v) end
  for k, v in pairs({x = 1}) do coroutine.yield("pairs " .. k) end
  return "finished"
end)
for i = 1, 10 do print(co()) end
local gen = coroutine.wrap(function()
  local t = {}
  for i = 1, 5 do t[i] = coroutine.yield(i) end
  return table.concat(t, ",")
end)
print(gen())
for i = 1, 5 do print(gen("v" .. i)) end
