local Class = setmetatable({}, {__call = function(cls, ...) return select("#", ...), ... end})
print(Class())
print(Class(1, nil, 3))
print(Class(nil))
local functor = setmetatable({factor = 3}, {__call = function(self, x) return self.factor * x end})
local results = {}
for i = 1, 4 do results[i] = functor(i) end
print(table.concat(results, " "))
print(pcall(functor, "x"))
local t = {}
for i = 1, 3 do t[i] = functor end
print(t[2](5))
local wrap = setmetatable({}, {__call = function(_, f, ...) return f(...) end})
print(wrap(math.max, 3, 9, 2))
print(pcall(wrap, nil))
local n = 0
local counter = setmetatable({}, {__call = function(self) n = n + 1 return n end})
for i = 1, 3 do counter() end
print(n)
print(string.gsub("abc", "%w", setmetatable({}, {__index = function(_, k) return k:upper() end})))
