local a, b = 1, 2
local c = a < b
local d = a <= b
local e = a > b
local f = a >= b
local g = a == b
local h = a ~= b
local i = a == nil
local j = 1 < a
x = a < b and b < 3
