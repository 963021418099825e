local s = 0
local t = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
print(t[1] + t[2] + t[3] + t[4] + t[5] + t[6] + t[7] + t[8] + t[9] + t[10])
print(t[1] * t[2] * t[3] * t[4] * t[5] * t[6] * t[7] * t[8] * t[9] * t[10])
print(t[1] .. t[2] .. t[3] .. t[4] .. t[5] .. t[6] .. t[7] .. t[8] .. t[9] .. t[10])
print(t[1] < t[2] and t[2] < t[3] and t[3] < t[4] and t[9] < t[10])
print(((((((((1 + 2) * 3) - 4) / 5) ^ 2) % 7) + 1) * 10))
local src = "return " .. string.rep("1 + ", 150) .. "1"
print(loadstring(src)())
src = "return " .. string.rep("'x' .. ", 150) .. "'x'"
print(#loadstring(src)())
local a = {b = {c = {d = {e = {f = "deep"}}}}}
print(a.b.c.d.e.f, a["b"]["c"]["d"]["e"]["f"])
