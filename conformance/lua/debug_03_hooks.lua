local lines = {}
local function hook(ev, line) lines[#lines + 1] = ev .. ":" .. tostring(line) end
local function target()
  local a = 1
  local b = 2
  return a + b
end
debug.sethook(hook, "l")
target()
debug.sethook()
print(table.concat(lines, " "))
local calls = {}
debug.sethook(function(ev) local i = debug.getinfo(2, "n") calls[#calls + 1] = ev .. ":" .. tostring(i and i.name) end, "cr")
target()
debug.sethook()
print(table.concat(calls, " "))
print(debug.gethook())
local count = 0
debug.sethook(function() count = count + 1 end, "", 100)
for i = 1, 1000 do local x = i * 2 end
debug.sethook()
print(count > 5, select(3, debug.gethook()))
