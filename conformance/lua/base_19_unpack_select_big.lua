local t = {}
for i = 1, 1000 do t[i] = i end
print(select("#", unpack(t)))
print(select(999, unpack(t)))
local function sum(...) local s = 0 for i = 1, select("#", ...) do s = s + select(i, ...) end return s end
print(sum(unpack(t, 1, 200)))
local packed = {unpack(t)}
print(#packed, packed[1000])
print(math.max(unpack(t)), math.min(unpack(t)))
print(string.char(unpack({72, 101, 108, 108, 111})))
print(pcall(unpack, t, 1, 1e7))
