-- weak tables: __mode k, v, kv
local weakv = setmetatable({}, {__mode = "v"})
local weakk = setmetatable({}, {__mode = "k"})
local weakkv = setmetatable({}, {__mode = "kv"})
local keep = {}
weakv[1] = {}
weakv[2] = keep
weakv[3] = "strings are values, not collected"
weakv[4] = 42
weakk[{}] = "dropped"
weakk[keep] = "kept"
weakk["str"] = {}
weakkv[{}] = 1
weakkv[1] = {}
weakkv[2] = keep
collectgarbage("collect")
collectgarbage("collect")
print("v", weakv[1], weakv[2] == keep, weakv[3], weakv[4])
local n = 0
for k, v in pairs(weakk) do n = n + 1 end
print("k", n, weakk[keep], type(weakk.str))
n = 0
for k, v in pairs(weakkv) do n = n + 1 end
print("kv", n, weakkv[1], weakkv[2] == keep)
-- functions as weak values
local wf = setmetatable({}, {__mode = "v"})
wf.f = function() end
local held = function() end
wf.g = held
collectgarbage()
print("funcs", wf.f, wf.g == held)
-- mode set after insertion
local late = {}
late[1] = {}
setmetatable(late, {__mode = "v"})
collectgarbage()
print("late", late[1])
