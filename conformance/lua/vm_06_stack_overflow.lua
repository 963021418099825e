local function rec(n) return 1 + rec(n + 1) end
local ok, err = pcall(rec, 1)
print(ok, err)
local function rec2() local t = {} rec2() end
print(pcall(rec2))
-- the state is usable afterwards
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(1000))
-- overflow through a metamethod chain (C boundary)
local mt = {}
mt.__index = function(t, k) return t[k] end
local obj = setmetatable({}, mt)
print(pcall(function() return obj.x end))
-- overflow through nested pcall
local function nest() return pcall(nest) end
local r = {nest()}
print(#r > 100, #r < 300, r[#r - 1], r[#r])
-- __call recursion
local callee = setmetatable({}, {__call = function(self) return (self()) end})
print(pcall(callee))
-- tostring recursion through __tostring
local ts = setmetatable({}, {})
getmetatable(ts).__tostring = function(s) return tostring(s) end
print(pcall(tostring, ts))
print("still alive")
