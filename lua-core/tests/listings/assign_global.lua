x = 1
y = "str"
z = x
x, y = y, x
a, b, c = 1
a, b = 1, 2, 3
