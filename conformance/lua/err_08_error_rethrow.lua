local function try(f, ...)
  local r = {pcall(f, ...)}
  return r[1], r[2]
end
local ok, e = try(function() error({level = 1}) end)
local ok2, e2 = try(function() error(e) end)
print(ok2, e2 == e, e2.level)
local ok3, e3 = try(function()
  local ok, err = pcall(error, "inner", 0)
  error(err, 0)
end)
print(ok3, e3)
local ok4, e4 = try(function()
  local ok, err = pcall(error, "inner")
  error("wrapped: " .. err)
end)
print(ok4, e4)
local ok5, e5 = try(function()
  local ok, err = pcall(function() local x = nil; return x.f end)
  error(err, 0)
end)
print(ok5, e5)
local trace = {}
local function h(msg) trace[#trace + 1] = msg return "H(" .. tostring(msg) .. ")" end
print(xpcall(function() local ok, err = xpcall(function() error("a", 0) end, h) error(err, 0) end, h))
print(#trace, trace[1], trace[2])
local Err = {}
Err.__index = Err
Err.__tostring = function(s) return "Err:" .. s.msg end
local ok6, e6 = pcall(function() error(setmetatable({msg = "typed"}, Err)) end)
print(ok6, getmetatable(e6) == Err, tostring(e6), e6.msg)
print(pcall(error, setmetatable({}, {__tostring = function() return "shown" end})))
