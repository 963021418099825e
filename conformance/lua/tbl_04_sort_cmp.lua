local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local s = {"banana", "apple", "Cherry", "date", "apple"}
table.sort(s)
print(table.concat(s, " "))
table.sort(s, function(a, b) return a:lower() < b:lower() end)
print(s[1], s[2], s[5])
local recs = {{n = "a", v = 3}, {n = "b", v = 1}, {n = "c", v = 2}}
table.sort(recs, function(x, y) return x.v < y.v end)
print(recs[1].n, recs[2].n, recs[3].n)
local big = {}
for i = 1, 200 do big[i] = (i * 7919) % 1000 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print("sorted 200", ok, big[1], big[200])
table.sort(big, function(a, b) return a > b end)
print(big[1], big[200])
local e = {}
table.sort(e)
print(#e)
local one = {42}
table.sort(one)
print(one[1])
local neg = {-1, -10, 5, 0, -0.5, 3.5}
table.sort(neg)
print(table.concat(neg, " "))
local dup = {3, 1, 3, 1, 2, 2}
table.sort(dup)
print(table.concat(dup, " "))
local cmpcalls = 0
table.sort({3, 2, 1}, function(a, b) cmpcalls = cmpcalls + 1 return a < b end)
print(cmpcalls > 0)
