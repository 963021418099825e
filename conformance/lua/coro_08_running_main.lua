print(coroutine.running())
print(pcall(coroutine.yield))
local co = coroutine.create(function()
  return coroutine.running() ~= nil
end)
print(coroutine.resume(co))
print(type(coroutine.create), type(coroutine.wrap), type(coroutine.yield))
local c2 = coroutine.create(function() return 1 end)
coroutine.resume(c2)
print(coroutine.resume(c2))
print(pcall(coroutine.resume))
print(pcall(coroutine.wrap))
local t = {}
for k in pairs(coroutine) do t[#t + 1] = k end
table.sort(t)
print(table.concat(t, " "))
