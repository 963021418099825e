local words = {}
for w in ("the quick brown fox jumps over the lazy dog while five boxing wizards jump quickly"):gmatch("%a+") do words[#words + 1] = w end
table.sort(words)
print(table.concat(words, " "))
table.sort(words, function(a, b) if #a ~= #b then return #a < #b end return a < b end)
print(table.concat(words, " "))
local nums = {}
for i = 1, 30 do nums[i] = ((i * 37) % 31) - 15 + i / 8 end
table.sort(nums)
print(table.concat(nums, " "))
local mixed = {"10", "9", "100", "1", "-1", "0"}
table.sort(mixed)
print(table.concat(mixed, " "))
table.sort(mixed, function(a, b) return tonumber(a) < tonumber(b) end)
print(table.concat(mixed, " "))
local bytes = {"\255", "\0", "a", "A", "\127", "\128", ""}
table.sort(bytes)
for i, b in ipairs(bytes) do io.write(#b > 0 and b:byte() or "empty", " ") end print()
local inf = {math.huge, -math.huge, 0, 1e308, -1e308}
table.sort(inf)
print(table.concat(inf, " "))
local rev = {}
for i = 1, 50 do rev[i] = 51 - i end
table.sort(rev)
print(rev[1], rev[25], rev[50])
local same = {}
for i = 1, 40 do same[i] = 7 end
table.sort(same)
print(same[1], same[40], #same)
