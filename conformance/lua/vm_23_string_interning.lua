local a = "hello"
local b = "hel" .. "lo"
local c = string.format("%s", "hello")
local d = ("HELLO"):lower()
print(a == b, a == c, a == d, rawequal(a, d))
local t = {}
t[a] = 1
print(t[b], t[c], t[d])
local long1 = string.rep("abc", 100)
local long2 = string.rep("abc", 99) .. "abc"
print(long1 == long2, #long1)
t[long1] = "long"
print(t[long2])
local parts = {}
for i = 1, 5 do parts[i] = string.char(96 + i) end
local joined = table.concat(parts)
print(joined == "abcde", t[joined])
t.abcde = "by name"
print(t[joined])
