local Base = {}
Base.__index = Base
function Base.new(x) local o = setmetatable({}, Base) o.x = x return o end
function Base:describe() return "Base(" .. self.x .. ")" end
function Base:double() return self.x * 2 end
local Mid = setmetatable({}, {__index = Base})
Mid.__index = Mid
function Mid.new(x, y) local o = Base.new(x) o.y = y return setmetatable(o, Mid) end
function Mid:describe() return "Mid(" .. self.x .. "," .. self.y .. ") < " .. Base.describe(self) end
local Leaf = setmetatable({}, {__index = Mid})
Leaf.__index = Leaf
function Leaf.new(x, y, z) local o = Mid.new(x, y) o.z = z return setmetatable(o, Leaf) end
function Leaf:describe() return "Leaf < " .. Mid.describe(self) end
local l = Leaf.new(1, 2, 3)
print(l:describe())
print(l:double(), l.z, rawget(l, "describe"))
print(getmetatable(l) == Leaf, getmetatable(Leaf).__index == Mid)
Base.extra = function(self) return "extra " .. self.x end
print(l:extra())
Mid.double = function(self) return "overridden" end
print(l:double(), Base.new(5):double())
local function isa(o, class)
  local mt = getmetatable(o)
  while mt do
    if mt == class then return true end
    local parent = getmetatable(mt)
    mt = parent and parent.__index
  end
  return false
end
print(isa(l, Leaf), isa(l, Mid), isa(l, Base), isa(Base.new(1), Leaf))
