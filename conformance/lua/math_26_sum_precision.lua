local s = 0
for i = 1, 10 do s = s + 0.1 end
print(s, s == 1, string.format("%.17g", s))
local k = 0
for i = 1, 1000000 do k = k + 1 end
print(k)
local h = 0
for i = 1, 100 do h = h + 1 / i end
print(string.format("%.12f", h))
local p = 1
for i = 1, 20 do p = p * i end
print(p, string.format("%.0f", p))
print(2^1023 * 2, -2^1023 * 2, 2^-1074 / 2)
