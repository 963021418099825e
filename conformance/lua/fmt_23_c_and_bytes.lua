local s = string.format("%c%c%c", 0, 255, 10)
print(#s, s:byte(1, -1))
print(string.format("[%5c][%-5c]", 65, 66))
print(string.format("%c", 65.9), string.format("%c", "66"))
local all = {}
for i = 32, 126 do all[#all + 1] = string.format("%c", i) end
print(table.concat(all))
print(pcall(string.format, "%c"))
print(pcall(string.format, "%c", {}))
print(string.format("%c", 256 + 65):byte())
print(#string.format("%c%c", 0, 0), string.format("%3c|", 10):byte(1, -1))
