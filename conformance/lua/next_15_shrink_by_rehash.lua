-- pairs/next traversal order is part of the observable behaviour
local t = {}
for i = 1, 64 do t["x" .. i] = i end
for i = 1, 60 do t["x" .. i] = nil end
for i = 1, 8 do t["y" .. i] = i end
local out = {}
for k, v in pairs(t) do out[#out + 1] = type(k):sub(1, 1) .. tostring(k) .. "=" .. tostring(v) end
print(#out)
for i = 1, #out, 8 do print(table.concat(out, " ", i, math.min(i + 7, #out))) end
local k, n = next(t), 0
while k ~= nil do n = n + 1 k = next(t, k) end
print("next walk", n)
