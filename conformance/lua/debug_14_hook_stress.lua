-- Hooks switched on and off at random (a fixed generator) while code runs
-- metamethods, iterators, tail calls, natives and coroutines; hooks that
-- fail, clear or replace themselves. Prints the totals and the first events.
local seed = 7
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
local log = {}
local function hook(ev, line)
  local r = rnd(100)
  log[#log + 1] = ev:sub(1, 1)
  if r == 0 and ev == "line" and debug.getinfo(2, "S").short_src == "debug_14_hook_stress.lua" and debug.getinfo(2, "l").currentline > 16 and debug.getinfo(2, "l").currentline < 28 then error("hookerr") end
  if r == 1 then debug.sethook() end
  if r == 2 then debug.sethook(hook, ({"c", "r", "l", "crl", ""})[rnd(5) + 1], rnd(4)) end
  if r == 3 then local co = coroutine.create(function(x) coroutine.yield(x) return 1 end) coroutine.resume(co, 1) coroutine.resume(co) end
end
local mt = {__index = function(t, k) return k * 2 end, __add = function(a, b) return 3 end}
local function tail(n) if n <= 0 then return 0 end return tail(n - 1) end
local function work(i)
  local t = setmetatable({}, mt)
  local s = t[i] + (t + 1)
  for k, v in pairs({1, 2, 3}) do s = s + v end
  s = s + tail(i % 5) + select("#", string.byte("abc", 1, -1))
  if i % 3 == 0 then
    local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
    s = s + co(i) + co(2)
  end
  return s
end
local total, errs = 0, 0
for i = 1, 1000 do
  if rnd(10) == 0 then debug.sethook(hook, ({"c", "r", "l", "crl", "l"})[rnd(5) + 1], rnd(3)) end
  local ok, v = pcall(work, i)
  if ok then total = total + v else errs = errs + 1 end
end
debug.sethook()
print(total, errs, #log, table.concat(log, "", 1, math.min(#log, 200)))
