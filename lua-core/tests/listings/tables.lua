local t = {}
local u = {1, 2, 3}
local v = {a = 1, b = 2}
local w = {1, 2; a = 3, [4] = 5, "x",}
local x = {f()}
local y = {f(), g()}
local z = {...}
local n = {{}, {1}, {a = {}}}
t.x = 1
t[1] = 2
t.y.z = t.x
t[t] = t[1]
