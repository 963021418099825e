f()
f(1, 2, 3)
f(g())
f(g(), 1)
f(1, g())
local a = f()
local b, c = f()
o:m(1)
o.p:m("x")
f"str"
f{1, 2}
f[[long]]
a.b.c(1)
a[1](2)
print((f()))
