-- upvalues are closed when the block ends (break, return, loop end)
local saved = {}
for i = 1, 5 do
  local v = i * 10
  saved[#saved + 1] = function() v = v + 1 return v end
  if i == 3 then break end
end
print(saved[1](), saved[1](), saved[2](), saved[3]())
local function make()
  local list = {}
  do
    local a = "first"
    list[1] = function() return a end
    a = "changed"
  end
  do
    local a = "second"
    list[2] = function() return a end
  end
  return list
end
local l = make()
print(l[1](), l[2]())
-- upvalue of an upvalue
local function lvl1()
  local u = 0
  local function lvl2()
    local function lvl3() u = u + 1 return u end
    return lvl3
  end
  return lvl2(), function() return u end
end
local bump, read = lvl1()
bump() bump() bump()
print("chain", read())
-- parameter captured
local function param(p) return function() p = p * 2 return p end end
local pp = param(3)
print(pp(), pp())
-- many closures sharing one variable created in a loop body
local getters, setters = {}, {}
for i = 1, 3 do
  local cell = i
  getters[i] = function() return cell end
  setters[i] = function(v) cell = v end
end
setters[2]("two")
print(getters[1](), getters[2](), getters[3]())
-- vararg function closing over locals
local function va(...)
  local n = select("#", ...)
  return function() return n end
end
print(va(1, 2, 3)(), va()())
