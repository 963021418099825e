local s = "The quick brown fox\0\1\2\254\255"
local bytes = {s:byte(1, -1)}
print(#bytes, bytes[1], bytes[#bytes])
print(string.char(unpack(bytes)) == s)
local sum = 0
for i = 1, #s do sum = sum + s:byte(i) end
print(sum)
local rev = {}
for i = #bytes, 1, -1 do rev[#rev + 1] = bytes[i] end
print(string.char(unpack(rev)) == s:reverse())
print(("ABC"):byte(-1), ("ABC"):byte(-3), ("ABC"):byte(-4), ("ABC"):byte(4))
print(select("#", ("ABC"):byte(-10, 10)))
