-- strings are byte strings
local s = "\128\129\255\000\001"
print(#s, s:byte(1, -1))
local u = "héllo"
print(#u, u:byte(2), u:byte(3))
print(u:upper())
print(("\200"):rep(3):byte(1, -1))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local str = table.concat(all)
print(#str, str:byte(1), str:byte(256), str:sub(66, 70))
local sum = 0
for i = 1, #str do sum = sum + str:byte(i) end
print("sum", sum)
print(("ÄÖÜ"):lower() == "ÄÖÜ")
print(loadstring("return '\200\201'")():byte(1, -1))
print(("\0abc\0"):find("abc"))
print(("a\0b"):rep(2) == "a\0ba\0b")
print(("x\0y") < ("x\0z"), ("\0") < ("\1"), ("") < ("\0"))
io.write("raw:", "\1\2\3", "\n")
