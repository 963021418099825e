-- Errors in hooks propagate to the code being traced; hooks are off while
-- a hook runs and come back after it, even after an error.
local function work()
  local a = 1
  local b = 2
  return a + b
end

debug.sethook(function(ev, line) if line == 5 then error("hook failed at " .. line) end end, "l")
print(pcall(work))
print(pcall(work))
debug.sethook()

-- Hooks fire again after a caught error.
local n = 0
debug.sethook(function(ev) n = n + 1 if n == 2 then error({code = 7}) end end, "c")
local ok, e = pcall(work)
local after = n
local ok2 = pcall(work)
debug.sethook()
print(ok, type(e) == "table" and e.code, after, ok2, n)

-- No hook events from inside a hook, even from functions it calls.
local evs = {}
debug.sethook(function(ev, line)
  evs[#evs + 1] = ev .. tostring(line)
  work()
  tostring(1)
end, "crl")
work()
debug.sethook()
print(#evs, evs[1], evs[2], evs[#evs])

-- A hook can clear or replace itself.
local once = {}
debug.sethook(function(ev, line)
  once[#once + 1] = line
  debug.sethook()
end, "l")
work()
print(#once, once[1], debug.gethook())

local switched = {}
debug.sethook(function(ev, line)
  switched[#switched + 1] = ev
  debug.sethook(function(ev2) switched[#switched + 1] = ev2 end, "c")
end, "l")
work()
debug.sethook()
print(table.concat(switched, " "))

-- Bad arguments.
print(pcall(debug.sethook, 1, "l"))
print(pcall(debug.sethook, print))
print(pcall(debug.sethook, print, {}))
print(pcall(debug.sethook, print, "l", "x"))
print(pcall(debug.sethook, coroutine.create(function() end), 5, "c"))
print(pcall(debug.gethook, 5))
print(select("#", debug.gethook()))

-- An uncaught error in a hook ends the program with its traceback.
debug.sethook(function(ev, line) error("stop at " .. line) end, "l")
work()
