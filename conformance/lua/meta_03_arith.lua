local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
V.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
V.__div = function(a, b) return vec(a.x / b, a.y / b) end
V.__mod = function(a, b) return vec(a.x % b, a.y % b) end
V.__pow = function(a, b) return vec(a.x ^ b, a.y ^ b) end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__tostring = function(a) return "(" .. a.x .. "," .. a.y .. ")" end
local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), tostring(a - b), a * b)
print(tostring(2 * a), tostring(a * 3), tostring(b / 2))
print(tostring(b % 2), tostring(a ^ 2), tostring(-a))
local left = setmetatable({}, {__add = function(x, y) return "left" end})
local right = setmetatable({}, {__add = function(x, y) return "right" end})
print(left + right, right + left, left + 1, 1 + left)
print("5" + left)
local unmargs = setmetatable({}, {__unm = function(x, y) return rawequal(x, y) end})
print(-unmargs)
local sub = setmetatable({}, {__sub = function(x, y) return type(x) .. "-" .. type(y) end})
print(sub - 1, 1 - sub, "s" - sub)
print(pcall(function() return setmetatable({}, {}) + 1 end))
print(pcall(function() return a + 1 end))
local strnum = setmetatable({}, {__add = function(x, y) return y end})
print(strnum + "10")
print(10 + "10", "10" + "10")
