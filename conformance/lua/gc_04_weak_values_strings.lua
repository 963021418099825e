local cache = setmetatable({}, {__mode = "v"})
for i = 1, 10 do cache[i] = {id = i} end
cache.str = "strings are not collectable in weak tables"
cache.num = 5
cache.bool = true
local keep = cache[3]
collectgarbage()
collectgarbage()
local left = {}
for k, v in pairs(cache) do left[#left + 1] = tostring(k) end
table.sort(left)
print(table.concat(left, " "))
print(cache[3] == keep, cache.str)
local keys = setmetatable({}, {__mode = "k"})
keys["strkey"] = {}
keys[1] = {}
keys[true] = {}
collectgarbage()
local n = 0
for _ in pairs(keys) do n = n + 1 end
print("non-object keys stay", n)
