-- cycles are collected; weak caches empty out
local cache = setmetatable({}, {__mode = "k"})
for i = 1, 100 do
  local a, b = {}, {}
  a.other, b.other = b, a
  cache[a] = true
end
collectgarbage()
collectgarbage()
local n = 0
for _ in pairs(cache) do n = n + 1 end
print("cycle entries left", n)
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
local wc = setmetatable({co}, {__mode = "v"})
co = nil
collectgarbage()
print("suspended coroutine collected", wc[1] == nil)
local before = collectgarbage("count")
for i = 1, 2000 do local s = string.rep("x", 100) .. i end
collectgarbage()
print("strings freed", collectgarbage("count") < before + 100)
local ephemeral = setmetatable({}, {__mode = "k"})
local key = {}
ephemeral[key] = {ref = key}
key = nil
collectgarbage()
collectgarbage()
local m = 0
for _ in pairs(ephemeral) do m = m + 1 end
print("value refers to key", m)
