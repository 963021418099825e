local t = {"a", "b", "c", nil, "e"}
for i, v in ipairs(t) do io.write(i, "=", v, " ") end print()
local h = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end})
for i, v in ipairs(h) do io.write(i, "=", v, " ") end print("(ipairs ignores __index)")
local z = {[0] = "zero", "one"}
for i, v in ipairs(z) do io.write(i, "=", v, " ") end print()
local count = 0
for k, v in pairs({1, 2, 3, a = 1, b = 2}) do count = count + 1 end
print("pairs count", count)
local stop = {1, 2, 3, 4}
for i, v in ipairs(stop) do if i == 2 then stop[3] = nil end io.write(v, " ") end print()
local grow = {1}
for i, v in ipairs(grow) do if i < 5 then grow[i + 1] = v + 1 end io.write(v, " ") end print()
print(pcall(ipairs, nil))
print(pcall(ipairs, "str"))
local it = ipairs({})
print(it({5, 6}, 0), it({5, 6}, 1), it({5, 6}, 2))
print(pcall(it, nil, 0))
