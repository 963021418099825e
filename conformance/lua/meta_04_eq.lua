local eqcalls = 0
local mt = {__eq = function(a, b) eqcalls = eqcalls + 1 return a.id == b.id end}
local a = setmetatable({id = 1}, mt)
local b = setmetatable({id = 1}, mt)
local c = setmetatable({id = 2}, mt)
print(a == b, a == c, a ~= b, a ~= c, eqcalls)
print(a == a, eqcalls)
local other = setmetatable({id = 1}, {__eq = function() return true end})
print(a == other, other == a)
local shared = function() return true end
local x = setmetatable({}, {__eq = shared})
local y = setmetatable({}, {__eq = shared})
print(x == y)
print(a == 1, a == "x", a == nil)
local plain = {id = 1}
print(a == plain, plain == a)
local ud1 = newproxy(true)
local ud2 = newproxy(ud1)
getmetatable(ud1).__eq = function() return true end
print(ud1 == ud2)
local t1 = setmetatable({}, {__eq = function() return 1 end})
local t2 = setmetatable({}, getmetatable(t1))
print(t1 == t2, t1 ~= t2)
local nilret = setmetatable({}, {__eq = function() return nil end})
local nilret2 = setmetatable({}, getmetatable(nilret))
print(nilret == nilret2)
local keyed = {}
keyed[a] = "a"
print(keyed[b])
print(rawequal(a, b), rawequal(a, a))
