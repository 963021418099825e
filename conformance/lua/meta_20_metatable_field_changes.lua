local mt = {}
local t = setmetatable({}, mt)
print(t.x)
mt.__index = {x = "added later"}
print(t.x)
mt.__index = nil
print(t.x)
mt.__add = function() return "now addable" end
print(t + 1)
mt.__add = nil
print(pcall(function() return t + 1 end))
local shared = {__index = function() return "shared" end}
local a, b = setmetatable({}, shared), setmetatable({}, shared)
print(a.k, b.k)
shared.__index = function() return "changed for both" end
print(a.k, b.k)
setmetatable(a, nil)
print(a.k, b.k)
