local name = os.tmpname()
local f = io.open(name, "wb")
f:write("0123456789abcdefghij")
f:close()
f = io.open(name, "rb")
for _, n in ipairs({0, 1, 2, 5, 0, 10, 5, 1, 0}) do
  local r = f:read(n)
  print(n, r == nil and "nil" or "[" .. r .. "]")
end
f:close()
os.remove(name)
