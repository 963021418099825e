x = 1 + 2 * 3 ^ 2 .. "a" .. "b" == "c" and d or e
y = a or b and c
z = a .. b + c
w = not a == b
v = a < b == c
