-- A comparator that replaces every element and collects: the values table.sort
-- holds (pivot, elements being swapped) must survive, as 5.1 keeps them on its stack.
local t = {}
for i = 1, 200 do t[i] = {i} end
local calls = 0
local junk
local ok, err = pcall(table.sort, t, function(a, b)
  calls = calls + 1
  if calls % 7 == 0 then
    for k = 1, 200 do t[k] = {k} end
    collectgarbage()
    collectgarbage()
    junk = {}
    for k = 1, 300 do junk[k] = {-k} end
  end
  return a[1] < b[1]
end)
print(ok, err)
local bad = 0
for k = 1, 200 do
  local v = t[k]
  if type(v) ~= "table" or v[1] == nil or v[1] < 0 then bad = bad + 1 end
end
print("values that are not the sorted tables:", bad)
