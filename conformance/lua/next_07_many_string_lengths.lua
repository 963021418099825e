local function keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = k end
  return table.concat(out, ",")
end
local t = {}
for i = 1, 40 do t[("%d"):format(i):rep(i % 5 + 1)] = true end
print(keys(t))
local long = {}
for i = 1, 6 do long[string.rep("a", 30 * i) .. i] = i end
local o = {}
for k, v in pairs(long) do o[#o + 1] = v end
print(table.concat(o, " "))
local words = {}
for w in ("the quick brown fox jumps over the lazy dog again and again"):gmatch("%a+") do words[w] = (words[w] or 0) + 1 end
for k, v in pairs(words) do io.write(k, ":", v, " ") end
print()
local bytes = {}
for i = 65, 90 do bytes[string.char(i)] = i end
print(keys(bytes))
