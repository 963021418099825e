-- What debuggers and profilers built on hooks do: read the traced
-- function's locals at each line, count calls per function, and print a
-- traceback from inside a hook.
local function sum(n)
  local total = 0
  for i = 1, n do
    total = total + i
  end
  return total
end

-- A tracer printing the locals of `sum` at each of its lines.
debug.sethook(function(ev, line)
  local info = debug.getinfo(2, "f")
  if info.func ~= sum then return end
  local parts = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(2, i)
    if not name then break end
    if name:sub(1, 1) ~= "(" then parts[#parts + 1] = name .. "=" .. tostring(value) end
    i = i + 1
  end
  print(line, table.concat(parts, " "))
end, "l")
sum(2)
debug.sethook()

-- A call counter keyed by function name.
local counts = {}
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
debug.sethook(function()
  local info = debug.getinfo(2, "nS")
  if info.what == "Lua" and info.name then
    counts[info.name] = (counts[info.name] or 0) + 1
  end
end, "c")
fib(10)
sum(3)
debug.sethook()
print("fib", counts.fib, "sum", counts.sum)

-- setlocal from a line hook changes the traced function.
debug.sethook(function(ev, line)
  if line == 5 and debug.getinfo(2, "f").func == sum then
    local name, value = debug.getlocal(2, 1)
    if name == "n" then debug.setlocal(2, 1, 0) end
  end
end, "l")
print("sum with n forced", sum(5))
debug.sethook()

-- A traceback taken in a hook shows the hook, then the traced code.
local tb
local function deep() return 1 end
debug.sethook(function(ev)
  if debug.getinfo(2, "f").func == deep then tb = debug.traceback("in hook", 1) end
end, "c")
deep()
debug.sethook()
print(tb)
