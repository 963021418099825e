local a, b, c = "a", "b", "c"
local d = a .. b .. c
local e = a .. "x" .. 1 .. b
x = (a .. b) .. c
y = a .. (b .. c)
