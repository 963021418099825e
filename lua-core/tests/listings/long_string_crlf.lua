local s = [[
line1
line2
line3line4]]
local t = "a\
b"
x = #s + #t
