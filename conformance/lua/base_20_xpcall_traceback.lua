local function handler(e)
  local tb = debug.traceback(e, 2)
  local first = tb:match("^[^\n]*")
  local has = tb:find("stack traceback:", 1, true) ~= nil
  return first .. " | " .. tostring(has)
end
local function inner() error("deep problem") end
local function middle() inner() end
print(xpcall(middle, handler))
print(xpcall(function() local x = nil; return x.y end, handler))
print(xpcall(function() error({}) end, function(e) return type(e) end))
print(xpcall(function() return "fine" end, handler))
print(debug.traceback("message"):match("^message\nstack traceback:") ~= nil)
print(debug.traceback(42))
print(type(debug.traceback()))
