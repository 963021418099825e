-- Line hooks: which lines fire through loops, ifs, returns, several
-- statements on a line, nested calls and one-line functions.
local out = {}
local function rec(ev, line) out[#out + 1] = line end
local function show(title)
  print(title, table.concat(out, " "))
  out = {}
end

local function loops(n)
  local s = 0
  for i = 1, n do
    s = s + i
  end
  local j = 0
  while j < n do j = j + 1 end
  repeat
    j = j - 1
  until j <= 0
  for k, v in ipairs({10, 20}) do s = s + v end
  return s
end
debug.sethook(rec, "l")
loops(3)
debug.sethook()
show("loops")

local function branches(x)
  if x > 0 then
    return "pos"
  elseif x < 0 then
    return "neg"
  else
    return "zero"
  end
end
debug.sethook(rec, "l")
branches(1) branches(-1)
branches(0)
debug.sethook()
show("branches")

local function one() return 1 end
local function two() local a = one() local b = one() return a + b end
debug.sethook(rec, "l")
local r = two(); r = r + two()
debug.sethook()
show("oneline")

local function nested()
  local t = {
    a = one(),
    b = one(),
  }
  local s = string.format("%d%d",
    t.a,
    t.b)
  return s
end
debug.sethook(rec, "l")
nested()
debug.sethook()
show("multiline")

local function early(x)
  if x then return 1 end
  local y = 2
  return y
end
debug.sethook(rec, "l")
early(true) early(false)
debug.sethook()
show("early")

-- A hook set inside a function traces the rest of it.
local function inner()
  local a = 1
  debug.sethook(rec, "l")
  local b = 2
  return a + b
end
inner()
local c = 3
debug.sethook()
show("inner")

-- Line numbers come with the event name.
local evs = {}
debug.sethook(function(ev, line) evs[#evs + 1] = ev .. "=" .. tostring(line) end, "l")
local z = 1
debug.sethook()
print(table.concat(evs, " "))

-- getinfo(2) in a line hook is the traced function.
local where = {}
debug.sethook(function(ev, line)
  local i = debug.getinfo(2, "Sl")
  where[#where + 1] = i.what .. ":" .. i.currentline .. ":" .. line
end, "l")
one()
debug.sethook()
print(table.concat(where, " "))
