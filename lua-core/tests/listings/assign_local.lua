local a
local b, c = 1, 2
local d, e = f()
local g, h, i = 1
local j = a, b
a, b = b, a
local k, l = ...
