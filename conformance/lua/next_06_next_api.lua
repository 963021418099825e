local t = {10, 20, x = "a"}
print(next({}))
print(next({}, nil))
local k, v = next(t)
print(k, v)
k, v = next(t, k)
print(k, v)
k, v = next(t, k)
print(k, v)
print(next(t, k))
print(pcall(next, t, "nokey"))
print(pcall(next, t, 99))
print(pcall(next))
print(pcall(next, "str"))
print(pairs({}) == next)
local f, s, init = pairs(t)
print(f == next, s == t, init)
local f2, s2, i2 = ipairs(t)
print(type(f2), s2 == t, i2)
print(f2(t, 0))
print(f2(t, 2))
print(pcall(ipairs))
print(pcall(pairs, nil))
-- assigning existing fields during traversal is allowed
local m = {a = 1, b = 2, c = 3, d = 4}
for key in pairs(m) do m[key] = m[key] * 10 end
print(m.a, m.b, m.c, m.d)
-- clearing fields during traversal is allowed
for key in pairs(m) do m[key] = nil end
print(next(m))
