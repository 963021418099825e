local log = {}
local mt = {__lt = function(a, b) log[#log + 1] = "lt(" .. a.v .. "," .. b.v .. ")" return a.v < b.v end}
local function o(v) return setmetatable({v = v}, mt) end
print(o(1) <= o(2), o(2) <= o(1), o(3) >= o(3), o(1) >= o(2))
print(table.concat(log, " "))
log = {}
mt.__le = function(a, b) log[#log + 1] = "le(" .. a.v .. "," .. b.v .. ")" return a.v <= b.v end
print(o(1) <= o(2), o(2) >= o(1))
print(table.concat(log, " "))
local only_le = {__le = function() return true end}
local x, y = setmetatable({}, only_le), setmetatable({}, only_le)
print(x <= y, pcall(function() return x < y end))
