local a = 1
local b = - - a
local c = not not not a
local d = -#a
local e = #-a
local f = - 2 ^ 2
local g = -a ^ 2
