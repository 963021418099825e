print(string.format("%q", 1), string.format("%q", -1.5), string.format("%q", 1e100))
print(string.format("%q", 1/0), string.format("%q", 2^53))
print(string.format("%q", "tab\there"), string.format("%q", "bell\a"))
print(string.format("%q", "\r\n"))
print(string.format("%q", "\\n"))
print(string.format("%q", "'single'"))
print(string.format("%q", "\1\0011\0012"))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local src = "return " .. string.format("%q", table.concat(all))
print(#src, loadstring(src)() == table.concat(all))
