-- # on tables ignores __len in 5.1; rawequal/rawget bypass metamethods
local t = setmetatable({1, 2, 3}, {__len = function() return 10 end, __index = function() return "mt" end})
print(#t, t[4], rawget(t, 4))
local s = setmetatable({}, {__index = string})
print(s.len == string.len)
local count = 0
local watched = setmetatable({}, {__newindex = function(tt, k, v) count = count + 1 rawset(tt, k, v) end})
watched.a = 1
watched.a = 2
watched.b = 3
print(count, watched.a, watched.b)
watched.a = nil
watched.a = 4
print(count)
