-- the line in messages is the line of the failing instruction
local t = {}
print(pcall(function()
  local a = 1
  local b = t.x.y
end))
print(pcall(function()
  return 1 +
    nil
end))
print(pcall(function()
  local s = "a"
    .. {}
end))
print(pcall(function() t
  .field
  .sub = 1 end))
print(pcall(function()
  error("explicit")
end))
print(pcall(function()
  local f = function() error("in nested", 2) end
  f()
end))
local function lvl3() error("three", 3) end
local function lvl2() lvl3() end
local function lvl1() lvl2() end
print(pcall(lvl1))
print(pcall(function()
  for i = 1, 3 do
    if i == 3 then local x = nil; x() end
  end
end))
