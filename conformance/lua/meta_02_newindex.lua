local log = {}
local store = {}
local proxy = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = tostring(k) store[k] = v end})
proxy.a = 1
proxy.b = 2
print(rawget(proxy, "a"), store.a, store.b, table.concat(log, ","))
local target = {}
local redirect = setmetatable({}, {__newindex = target})
redirect.x = 10
print(rawget(redirect, "x"), target.x)
local existing = setmetatable({k = 1}, {__newindex = function() error("should not run") end})
existing.k = 2
print(existing.k)
local ro = setmetatable({}, {__newindex = function(t, k) error("read-only: " .. k, 2) end})
print(pcall(function() ro.field = 1 end))
local chain2 = {}
local mid = setmetatable({}, {__newindex = chain2})
local top = setmetatable({}, {__newindex = mid})
top.deep = "v"
print(rawget(top, "deep"), rawget(mid, "deep"), chain2.deep)
rawset(ro, "raw", "ok")
print(ro.raw)
local both = setmetatable({}, {__index = function(t, k) return "default" end, __newindex = function(t, k, v) rawset(t, k, v .. "!") end})
print(both.q)
both.q = "set"
print(both.q)
local nilset = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v) end})
nilset.a = nil
print(next(nilset))
print(pcall(function() local x = setmetatable({}, {__newindex = 5}) x.y = 1 end))
