-- Count hooks: one event every `count` instructions, counted exactly.
local n = 0
local function tick() n = n + 1 end
local function work(k)
  local s = 0
  for i = 1, k do s = s + i * 2 end
  return s
end
for _, count in ipairs({1, 2, 3, 7, 100}) do
  n = 0
  debug.sethook(tick, "", count)
  work(50)
  debug.sethook()
  print(count, n)
end

-- Count and line events together, in order.
local evs = {}
debug.sethook(function(ev, line) evs[#evs + 1] = ev:sub(1, 1) .. tostring(line) end, "l", 2)
work(2)
debug.sethook()
print(table.concat(evs, " "))

-- Instructions run inside the hook count too, but fire nothing.
n = 0
local inside = 0
debug.sethook(function() n = n + 1 for i = 1, 10 do inside = inside + 1 end end, "", 5)
work(20)
debug.sethook()
print(n, inside)

-- gethook reports the count; a count alone sets no letters.
debug.sethook(tick, "", 9)
print(select(2, debug.gethook()), select(3, debug.gethook()))
debug.sethook(tick, "cr", 4)
local f, mask, count = debug.gethook()
debug.sethook()
print(f == tick, mask, count)
print(debug.gethook())

-- A zero or negative count gives no count events.
n = 0
debug.sethook(tick, "", 0)
work(10)
debug.sethook(tick, "", -4)
work(10)
print(n, select(3, debug.gethook()))
debug.sethook()

-- Natives do not count instructions.
n = 0
debug.sethook(tick, "", 1)
local s = string.rep("x", 1000)
debug.sethook()
print(n)
