local a, b, c = ...
x = a .. b .. c .. "d" .. 1 .. a
y = (a .. b) .. (c .. a)
z = a .. (b .. c) .. a
