-- pairs/next traversal order is part of the observable behaviour
local t = {}
t[true] = 1; t[false] = 2
for _, s in ipairs({"true", "false", "nil", "1", "0", "", "t", "f"}) do t[s] = s end
t[1] = "one"; t[0] = "zero"
local out = {}
for k, v in pairs(t) do out[#out + 1] = type(k):sub(1, 1) .. tostring(k) .. "=" .. tostring(v) end
print(#out)
for i = 1, #out, 8 do print(table.concat(out, " ", i, math.min(i + 7, #out))) end
local k, n = next(t), 0
while k ~= nil do n = n + 1 k = next(t, k) end
print("next walk", n)
