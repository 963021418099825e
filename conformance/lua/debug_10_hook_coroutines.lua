-- Hooks belong to a thread: a coroutine has its own, starts with the mask
-- and count of the thread that created it but no function, and can be
-- given one from outside.
local evs = {}
local function rec(ev, line) evs[#evs + 1] = ev .. ":" .. tostring(line) end
local function show(title)
  print(title, table.concat(evs, " "))
  evs = {}
end

local co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  return b * 2
end)
debug.sethook(rec, "l")
coroutine.resume(co, 1)
coroutine.resume(co, 5)
debug.sethook()
show("main hook only")

co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  return b * 2
end)
debug.sethook(co, rec, "lcr")
print(debug.gethook())
local f, mask, count = debug.gethook(co)
print(f == rec, mask, count)
print(coroutine.resume(co, 1))
show("coroutine hook")
print(coroutine.resume(co, 5))
show("after resume")
print(coroutine.status(co), debug.gethook(co) == rec)

-- Inherited: the mask and count come along, the function does not.
debug.sethook(rec, "cl", 7)
local child = coroutine.create(function() return debug.gethook() end)
local wrapped = coroutine.wrap(function() local x = 1 return x end)
debug.sethook()
print(debug.gethook(child))
print(coroutine.resume(child))
print(wrapped())
show("inherited")

-- A hook set from inside the coroutine stays with it.
local inside = coroutine.create(function()
  debug.sethook(rec, "r")
  coroutine.yield()
  return 1
end)
coroutine.resume(inside)
print("main after", debug.gethook())
print(select(2, debug.gethook(inside)))
coroutine.resume(inside)
show("inside")

-- The return event of yield fires when the coroutine is resumed.
local y = coroutine.create(function()
  coroutine.yield(1)
  return 2
end)
debug.sethook(y, function(ev)
  local i = debug.getinfo(2, "n")
  evs[#evs + 1] = ev .. ":" .. tostring(i and i.name)
end, "cr")
coroutine.resume(y)
evs[#evs + 1] = "|"
coroutine.resume(y)
show("yield")

-- A hook cannot yield.
local hy = coroutine.create(function()
  debug.sethook(function() coroutine.yield() end, "l")
  local a = 1
  return a
end)
print(coroutine.resume(hy))
