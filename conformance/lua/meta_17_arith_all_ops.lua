local log = {}
local mt = {}
for _, ev in ipairs({"add", "sub", "mul", "div", "mod", "pow", "unm", "concat"}) do
  mt["__" .. ev] = function(a, b)
    local function n(v) return type(v) == "table" and "T" or tostring(v) end
    log[#log + 1] = ev .. "(" .. n(a) .. "," .. n(b) .. ")"
    return ev
  end
end
local T = setmetatable({}, mt)
print(T + 1, 1 + T, T - 2, 2 - T, T * 3, 3 * T, T / 4, 4 / T)
print(T % 5, 5 % T, T ^ 6, 6 ^ T, -T, T .. 7, 7 .. T)
print(T + T, "8" + T, T + "9")
for _, l in ipairs(log) do io.write(l, " ") end print()
local onlyadd = setmetatable({}, {__add = function() return "add" end})
print(pcall(function() return onlyadd - 1 end))
print(pcall(function() return onlyadd * onlyadd end))
