local t = {}
t.a = 1
t.b = "x"
t.c = true
t.d = nil
t[1] = false
t.e = t
t[2.5] = -1
