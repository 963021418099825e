-- String method lookup through a replaced string metatable __index, and
-- `%` on the edge values floor meets (signed zeros, halves, huge numbers).
local s = "abc"
print(s:upper(), s:len(), ("x"):rep(3))
local mt = getmetatable("")
local saved = mt.__index
mt.__index = function(str, k) return function() return "fn:" .. k end end
print(s:upper(), s:whatever())
mt.__index = {upper = function() return "tbl" end}
print(s:upper(), pcall(function() return s:lower() end))
mt.__index = nil
print(pcall(function() return s:upper() end))
mt.__index = saved
print(s:upper())

local values = {0, -0, 0.5, -0.5, 1, -1, 2.5, -2.5, 7, -7, 1e300, -1e300,
  2^52 + 0.5, -(2^52) - 0.5, 2^53, -(2^53), 1/0, -1/0}
for _, a in ipairs(values) do
  local row = {}
  for _, b in ipairs({3, -3, 0.25, -0.25, 1/0}) do
    row[#row + 1] = string.format("%.14g", a % b)
  end
  print(string.format("%.14g", a), table.concat(row, " "))
end
print(-0 % 3, 0 % -3, (-0.0) % -3)
for i = 3, 1, -0.5 do io.write(i, " ") end
print()
for i = 1, 0 do print("never") end
for i = 1, 3 do local x = i % 2 io.write(x, " ") end
print()
