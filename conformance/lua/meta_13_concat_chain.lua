local log = {}
local mt = {__concat = function(a, b)
  local function s(v) return type(v) == "table" and v.name or tostring(v) end
  log[#log + 1] = s(a) .. "+" .. s(b)
  return setmetatable({name = "(" .. s(a) .. s(b) .. ")"}, getmetatable(type(a) == "table" and a or b))
end}
local A = setmetatable({name = "A"}, mt)
local B = setmetatable({name = "B"}, mt)
local r = "x" .. A .. "y" .. B .. "z"
print(r.name)
print(table.concat(log, " "))
log = {}
local r2 = A .. B .. 1 .. 2
print(r2.name, table.concat(log, " "))
log = {}
local r3 = 1 .. 2 .. A
print(r3.name, table.concat(log, " "))
print(pcall(function() return (A .. nil).name end))
print(pcall(function() return (nil .. A).name end))
