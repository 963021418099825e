local t = {}
x = t.a.b.c
t.a.b.c = x
x = t[1][2][3]
x = t["a"]["b"]
t[x + 1] = t[x - 1]
