local cos = {}
for i = 1, 100 do
  cos[i] = coroutine.create(function(a)
    local b = coroutine.yield(a * 2)
    return a + b
  end)
end
local s1, s2 = 0, 0
for i = 1, 100 do local _, v = coroutine.resume(cos[i], i) s1 = s1 + v end
for i = 1, 100 do local _, v = coroutine.resume(cos[i], 1) s2 = s2 + v end
print(s1, s2)
local dead = 0
for i = 1, 100 do if coroutine.status(cos[i]) == "dead" then dead = dead + 1 end end
print("dead", dead)
-- round robin scheduler
local tasks, out = {}, {}
for id = 1, 3 do
  tasks[#tasks + 1] = coroutine.create(function()
    for step = 1, id do out[#out + 1] = id .. ":" .. step coroutine.yield() end
  end)
end
while #tasks > 0 do
  for i = #tasks, 1, -1 do
    coroutine.resume(tasks[i])
    if coroutine.status(tasks[i]) == "dead" then table.remove(tasks, i) end
  end
end
print(table.concat(out, " "))
