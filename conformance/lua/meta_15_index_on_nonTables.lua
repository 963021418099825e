local ud = newproxy(true)
local mt = getmetatable(ud)
mt.__index = function(u, k) return "ud." .. k end
mt.__newindex = function(u, k, v) rawset(_G, "ud_" .. k, v) end
mt.__call = function(u, a) return "called with " .. tostring(a) end
mt.__tostring = function() return "UD" end
mt.__concat = function(a, b) return "concat" end
mt.__unm = function() return "neg" end
mt.__add = function(a, b) return "add" end
mt.__lt = function() return true end
mt.__le = function() return false end
print(ud.foo, ud.bar)
ud.x = 5
print(ud_x)
print(ud(7), tostring(ud), ud .. "s", "s" .. ud, -ud, ud + 1, 1 + ud)
local ud2 = newproxy(ud)
print(ud < ud2, ud <= ud2, ud > ud2, ud >= ud2)
print(pcall(function() return #newproxy(false) end))
