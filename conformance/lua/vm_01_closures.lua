local function counter()
  local n = 0
  return function() n = n + 1 return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2())
-- shared upvalue between two closures
local function pair()
  local v = 0
  return function() v = v + 1 return v end, function() return v end
end
local inc, get = pair()
inc() inc()
print("shared", get())
-- closures in a numeric for capture a fresh variable per iteration
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print("for", fs[1](), fs[2](), fs[3]())
-- closures in generic for
local gs = {}
for k, v in ipairs({"a", "b", "c"}) do gs[k] = function() return k .. v end end
print("generic", gs[1](), gs[2](), gs[3]())
-- while loop locals are fresh each iteration
local ws = {}
local j = 0
while j < 3 do j = j + 1 local jj = j ws[j] = function() return jj end end
print("while", ws[1](), ws[2](), ws[3]())
-- closure captured after the variable changes
local x = 1
local fx = function() return x end
x = 2
print("late", fx())
-- nested upvalues three levels deep
local function outer()
  local a = 1
  return function()
    local b = 2
    return function() a = a + 1 return a + b end
  end
end
local f3 = outer()()
print("deep", f3(), f3())
-- upvalue modified inside loop closure
local acc = {}
for i = 1, 3 do
  local shared = 0
  acc[i] = {function() shared = shared + i return shared end, function() return shared end}
end
acc[2][1]() acc[2][1]()
print("per-iter", acc[1][2](), acc[2][2](), acc[3][2]())
-- recursive local function
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print("fact", fact(10), fact(20))
