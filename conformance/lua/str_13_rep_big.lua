local s = string.rep("abc", 10000)
print(#s, s:sub(1, 6), s:sub(-3))
local t = string.rep(s, 3)
print(#t)
print(#string.rep("", 1000000), string.rep("x", 0) == "")
local n = 0
for _ in s:gmatch("abc") do n = n + 1 end
print(n)
print(#(s:gsub("b", "BB")))
print(s:find("cab", 1, true), s:find("cba", 1, true))
print(#string.rep("\0", 1000), string.rep("\0", 3):byte(1, -1))
print(string.rep("ab", 3, ","))
