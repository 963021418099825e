local function make(n) return function(x) return x * n end end
local f = make(3)
local g = loadstring(string.dump(f))
print(pcall(g, 5))
local function pure(a, b) local t = {} for i = a, b do t[#t + 1] = i * i end return table.concat(t, ",") end
print(loadstring(string.dump(pure))(1, 5))
local function strs() return "x\0y", 1.5, true, nil end
print(select("#", loadstring(string.dump(strs))()), (loadstring(string.dump(strs))()) == "x\0y")
local function nested() local function inner(v) return v + 1 end return inner(41) end
print(loadstring(string.dump(nested))())
