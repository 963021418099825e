local t = {}
local n = #t
local m = #"abc"
local o = not t
x = #t + 1
