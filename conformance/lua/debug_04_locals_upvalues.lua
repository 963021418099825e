local function f(a, b)
  local c = a + b
  local names = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(1, i)
    if not name then break end
    names[#names + 1] = name .. "=" .. (type(value) == "table" and "table" or tostring(value))
    i = i + 1
  end
  return table.concat(names, " ")
end
print(f(1, 2))
local function g() local x = 10 debug.setlocal(1, 1, 99) return x end
print(g())
local u1, u2 = "one", "two"
local function h() return u1 .. u2 end
local i = 1
while true do
  local n, v = debug.getupvalue(h, i)
  if not n then break end
  print("upvalue", i, n, v)
  i = i + 1
end
debug.setupvalue(h, 2, "TWO")
print(h(), u2)
print(debug.getlocal(1, 100))
print(pcall(debug.getlocal, 100, 1))
