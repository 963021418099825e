-- Call and return hooks: Lua and native functions, tail calls, the names
-- getinfo(2) gives inside the hook, metamethods, iterators and pcall.
local evs = {}
local function rec(ev)
  local i = debug.getinfo(2, "nS")
  evs[#evs + 1] = ev .. ":" .. tostring(i.name) .. ":" .. i.what
end
local function show(title)
  print(title)
  print("  " .. table.concat(evs, "\n  "))
  evs = {}
end

local function c() return 1 end
local function b() return c() end
local function a() return b() end
debug.sethook(rec, "cr")
a()
debug.sethook()
show("tail calls")

debug.sethook(rec, "c")
local x = math.floor(2.5) + #tostring(12)
debug.sethook()
show("natives, call only")

debug.sethook(rec, "r")
x = math.max(1, 2)
debug.sethook()
show("natives, return only")

local mt = {__index = function(t, k) return k end, __add = function() return 0 end}
local obj = setmetatable({}, mt)
debug.sethook(rec, "cr")
x = obj.key
x = obj + 1
debug.sethook()
show("metamethods")

debug.sethook(rec, "cr")
for k, v in pairs({1}) do end
debug.sethook()
show("iterator")

debug.sethook(rec, "cr")
pcall(error, "boom")
pcall(c)
debug.sethook()
show("pcall")

local function tailnative() return tostring(1) end
debug.sethook(rec, "cr")
tailnative()
debug.sethook()
show("tail call of a native")

local function va(...) return select("#", ...) end
local function tailva(...) return va(...) end
debug.sethook(rec, "cr")
tailva(1, 2, 3)
debug.sethook()
show("varargs")

-- The results of a hooked return are kept.
debug.sethook(function() local junk = {1, 2, 3} end, "cr")
print(a(), tailva(4, 5), select(2, "p", "q", "r"))
debug.sethook()

-- Locals of the called function, seen from the call hook.
local seen = {}
local function args(p, q) return p + q end
debug.sethook(function(ev)
  if debug.getinfo(2, "S").what == "Lua" then
    local name, value = debug.getlocal(2, 1)
    seen[#seen + 1] = tostring(name) .. "=" .. tostring(value)
  end
end, "c")
args(5, 6)
debug.sethook()
print(table.concat(seen, " "))

-- A deep tail-call chain: one tail return per replaced frame.
local function down(n) if n == 0 then return "end" end return down(n - 1) end
debug.sethook(rec, "r")
down(3)
debug.sethook()
show("chain")
