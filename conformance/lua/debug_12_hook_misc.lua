-- More hook details: names of methods and fields, errors skipping return
-- events, break and nested loops under line hooks, and a hook toggled
-- many times.
local evs = {}
local function rec(ev, line)
  local i = debug.getinfo(2, "nf")
  evs[#evs + 1] = ev .. ":" .. tostring(line or i.name) .. ":" .. i.namewhat
end
local function show(title)
  print(title, table.concat(evs, " "))
  evs = {}
end

local obj = {}
function obj:method() return self end
obj.field = function() return 1 end
debug.sethook(rec, "c")
obj:method()
obj.field()
local s = ("x"):rep(2)
debug.sethook()
show("names")

local function fails() error("no") end
debug.sethook(rec, "r")
pcall(fails)
debug.sethook()
show("error")

local lines = {}
debug.sethook(function(ev, line) lines[#lines + 1] = line end, "l")
for i = 1, 3 do
  for j = 1, 2 do
    if j == 2 then break end
  end
  if i == 2 then break end
end
local k = 0
while true do
  k = k + 1
  if k > 1 then break end
end
debug.sethook()
print("loops", table.concat(lines, " "))

-- Toggling many times leaves no trace and keeps counting right.
local n = 0
local function h() n = n + 1 end
for i = 1, 20000 do
  debug.sethook(h, "c")
  debug.sethook()
end
print("toggled", n, debug.gethook())

-- The function getinfo 'f' gives in a hook is the hooked one.
local seen
local function target() return 1 end
debug.sethook(function(ev)
  if debug.getinfo(2, "f").func == target then seen = ev end
end, "r")
target()
debug.sethook()
print("func", seen)

-- A hook through coroutine.wrap and a hook set on a suspended coroutine.
local gen = coroutine.wrap(function()
  for i = 1, 2 do coroutine.yield(i) end
end)
local co = coroutine.create(function() local a = 1 coroutine.yield() return a end)
coroutine.resume(co)
local colines = {}
debug.sethook(co, function(ev, line) colines[#colines + 1] = ev .. tostring(line) end, "lr")
debug.sethook(rec, "c")
gen() gen()
debug.sethook()
coroutine.resume(co)
show("wrap")
print("suspended", table.concat(colines, " "))
