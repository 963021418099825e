local a = x and y
local b = x or y or z
local c = x and y and z
local d = (x or y) == z
local e = x < y or y < z
local f = not (x and y)
g = x and 1 or 2
