local function keys(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) .. "=" .. tostring(v) end
  return table.concat(out, " ")
end
print(keys({a = 1, b = 2, c = 3}))
print(keys({name = "x", age = 3, city = "y", zip = 4}))
local t = {}
for _, w in ipairs({"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}) do t[w] = #w end
print(keys(t))
local u = {}
for i = 1, 20 do u["key" .. i] = i end
print(keys(u))
local v = {}
for i = 1, 10 do v[string.rep("x", i)] = i end
print(keys(v))
print(keys({[""] = "empty", [" "] = "space", ["\0"] = "nul"}))
