local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
local function o(v) return setmetatable({v = v}, mt) end
print(o(1) < o(2), o(2) < o(1), o(1) > o(2), o(2) > o(1))
-- __le falls back to not __lt(b, a)
print(o(1) <= o(2), o(2) <= o(1), o(1) >= o(1))
mt.__le = function(a, b) return "le called" end
print(o(5) <= o(1), o(5) >= o(1))
local m2 = {__lt = function() return true end}
local p, q = setmetatable({}, m2), setmetatable({}, {__lt = function() return true end})
print(pcall(function() return p < q end))
local shared = function(a, b) return true end
local r, s = setmetatable({}, {__lt = shared}), setmetatable({}, {__lt = shared})
print(r < s)
print(pcall(function() return o(1) < 1 end))
print(pcall(function() return 1 < o(1) end))
print(pcall(function() return o(1) <= "x" end))
local sorted = {o(3), o(1), o(2)}
table.sort(sorted)
print(sorted[1].v, sorted[2].v, sorted[3].v)
local cnt = 0
local m3 = {__lt = function(a, b) cnt = cnt + 1 return a.v < b.v end}
local u, w = setmetatable({v = 1}, m3), setmetatable({v = 2}, m3)
print(u <= w, cnt)
local m4 = {__lt = function() return 0 end, __le = function() return nil end}
local g, h = setmetatable({}, m4), setmetatable({}, m4)
print(g < h, g <= h, g > h, g >= h)
print(pcall(function() return {} <= {} end))
