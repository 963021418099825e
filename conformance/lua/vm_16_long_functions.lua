-- many constants and registers in one function
local src = {"local t = {}"}
for i = 1, 300 do src[#src + 1] = ("t[%d] = 'const%d' .. %d"):format(i, i, i * 1.5) end
src[#src + 1] = "return t"
local t = loadstring(table.concat(src, "\n"))()
print(#t, t[1], t[150], t[300])
local parts = {}
for i = 1, 150 do parts[#parts + 1] = "local v" .. i .. " = " .. i end
parts[#parts + 1] = "return v1 + v150 + v75"
print(loadstring(table.concat(parts, "\n"))())
local args = {}
for i = 1, 200 do args[i] = tostring(i) end
print(select("#", loadstring("return " .. table.concat(args, ","))()))
local big = {}
for i = 1, 1000 do big[i] = "'s" .. i .. "'" end
local bt = loadstring("return {" .. table.concat(big, ",") .. "}")()
print(#bt, bt[1], bt[500], bt[1000])
local ks = {}
for i = 1, 300 do ks[i] = "k" .. i .. " = " .. i end
local kt = loadstring("return {" .. table.concat(ks, ", ") .. "}")()
print(kt.k1, kt.k300)
