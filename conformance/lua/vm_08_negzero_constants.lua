-- -0 and 0 behave as one table key; printing shows the sign
print(-0)
local z = 0
print(z)
local n = -z
print(1 / n)
local t = {}
t[0] = "zero"
print(t[-0], t[n])
t[n] = "negzero"
print(t[0])
for k, v in pairs(t) do print(k, v) end
print(0 == -0, 1/0 == 1/(-z))
print(string.format("%g %g", 0, n))
print(math.abs(n), -n)
print(n .. "")
