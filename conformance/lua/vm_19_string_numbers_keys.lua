local t = {}
t[1] = "int"
t["1"] = "str"
t[1.0] = "float overrides int"
print(t[1], t["1"])
t[2^53] = "big"
print(t[2^53], t[2^53 + 1])
t[-0] = "neg zero"
print(t[0])
t[0.1 + 0.2] = "sum"
print(t[0.3], t[0.30000000000000004])
local k = {}
for i = 1, 5 do k[i / 2] = i end
print(k[0.5], k[1], k[1.5], k[2], k[2.5])
print(#k)
local s = {}
s[true] = "yes"; s[false] = "no"
print(s[true], s[false], s[1 == 1])
print(next({}, nil))
