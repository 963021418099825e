local function range(n, step)
  return function(s, i)
    i = i + s
    if i <= n then return i end
  end, step or 1, 0
end
for i in range(5) do io.write(i, " ") end print()
for i in range(10, 3) do io.write(i, " ") end print()
local function pairs_sorted(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local i = 0
  return function() i = i + 1 if keys[i] ~= nil then return keys[i], t[keys[i]] end end
end
for k, v in pairs_sorted({c = 3, a = 1, b = 2, d = 4}) do io.write(k, v, " ") end print()
local calls = 0
local function once() calls = calls + 1 return function(_, x) if not x then return 1 end end, nil, nil end
for v in once() do end
print("explist evaluated", calls)
for a, b in next, {x = 1} do print(a, b) end
