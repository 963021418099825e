local function count(...) return select("#", ...) end
print(count(), count(nil), count(nil, nil), count(1, nil, 3, nil))
local function pass(...) return ... end
print(pass(1, 2, 3))
print(pass())
print((pass(1, 2, 3)))
local function first(...) local a = ... return a end
print(first(9, 8))
local function pack(...) return {...} end
local t = pack(1, nil, 3)
print(#t == 3 or #t == 1, t[1], t[2], t[3])
local function mid(...) return 0, ..., 4 end
print(mid(1, 2, 3))
local function last(...) return 0, ... end
print(last(1, 2, 3))
print(select(2, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-3, "a", "b", "c"))
print(select(4, "a", "b", "c"))
print(pcall(select, 0, "a"))
print(pcall(select, -4, "a", "b", "c"))
print(pcall(select, "x"))
print(select("#"))
print(select("2", "a", "b"))
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(1, 2, 3, 4, 5))
local function tail(...) return select("#", ...), ... end
print(tail(nil, nil))
local function vatable(...) local t = {n = select("#", ...), ...} return t.n, #t end
print(vatable("x", "y"))
print(string.format("%s %s", pass("a", "b", "c")))
local function nested(...)
  local function inner(...) return select("#", ...) end
  return inner(...), inner(..., "x"), inner("x", ...)
end
print(nested(1, 2))
local many = {}
for i = 1, 250 do many[i] = i end
print(count(unpack(many)), select(250, unpack(many)))
print(pcall(function() return select(0, "a") end))
print(pcall(function() return select() end))
print(pcall(function() local s = select return s(nil) end))
