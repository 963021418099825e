local function track(t)
  local log = {}
  local proxy = setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get " .. tostring(k) return t[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v) t[k] = v end,
  })
  return proxy, log
end
local p, log = track({a = 1})
local x = p.a
p.b = 2
p.a = p.a + 10
local y = p.missing
print(table.concat(log, "; "))
print(rawget(p, "a"), p.a, p.b)
local ro = setmetatable({}, {__index = {k = "v"}, __newindex = function(t, k) error("attempt to update a read-only table", 2) end})
print(ro.k, pcall(function() ro.k = "new" end))
local defaults = setmetatable({}, {__index = function() return 0 end})
defaults.count = defaults.count + 1
defaults.count = defaults.count + 1
print(defaults.count, defaults.other)
