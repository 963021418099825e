local a, b, c
local d = nil
local e, f = nil, nil
x = 1
local g
local h, i = nil
