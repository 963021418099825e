-- long __index chains through tables
local root = {found = "root value"}
local cur = root
for i = 1, 50 do cur = setmetatable({["lvl" .. i] = i}, {__index = cur}) end
print(cur.found, cur.lvl1, cur.lvl50, cur.none)
-- a chain that loops
local a, b = {}, {}
setmetatable(a, {__index = b})
setmetatable(b, {__index = a})
print(pcall(function() return a.x end))
local c, d = {}, {}
setmetatable(c, {__newindex = d})
setmetatable(d, {__newindex = c})
print(pcall(function() c.x = 1 end))
-- __index on a function value through string metatable
local smt = getmetatable("")
local old = smt.__index
smt.__index = function(s, k) if k == "first" then return s:sub(1, 1) end return old[k] end
print(("hello").first, ("hello"):upper())
smt.__index = old
print(("x").first)
-- methods through __index
local Animal = {}
Animal.__index = Animal
function Animal.new(name) return setmetatable({name = name}, Animal) end
function Animal:speak() return self.name .. " makes a sound" end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name) return setmetatable(Animal.new(name), Dog) end
function Dog:speak() return self.name .. " barks; " .. Animal.speak(self) end
print(Animal.new("cat"):speak())
print(Dog.new("rex"):speak())
print(getmetatable(Dog.new("x")) == Dog, rawget(Dog, "new") ~= nil)
