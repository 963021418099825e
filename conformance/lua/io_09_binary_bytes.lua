local name = os.tmpname()
local f = io.open(name, "wb")
local bytes = {}
for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
f:write(table.concat(bytes))
f:close()
f = io.open(name, "rb")
local data = f:read("*a")
f:close()
print(#data, data:byte(1), data:byte(11), data:byte(14), data:byte(256))
local same = true
for i = 0, 255 do if data:byte(i + 1) ~= i then same = false end end
print("round trip", same)
f = io.open(name, "rb")
print(f:read(5):byte(1, -1))
print(f:seek("cur"), #f:read(100), f:seek("end"))
f:close()
os.remove(name)
