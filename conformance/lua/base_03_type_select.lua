print(type(nil), type(true), type(1), type("s"), type({}), type(print), type(type), type(coroutine.create(function() end)), type(newproxy()))
print(pcall(type))
print(type(type(nil)))
print(select("#"), select("#", nil), select("#", 1, 2, 3))
print(select(1, "a", "b"), select(3, "a", "b", "c"))
print(select(1.9, "a", "b"))
print(select(-2, "a", "b", "c"))
print(_VERSION)
print(type(_G), _G._G == _G, _G.print == print)
print(type(_G.string), type(_G.table), type(_G.math), type(_G.coroutine), type(_G.os), type(_G.io))
local names = {}
for k, v in pairs(_G) do if type(v) == "function" then names[#names + 1] = k end end
table.sort(names)
print(table.concat(names, " "))
local libs = {}
for k, v in pairs(_G) do if type(v) == "table" and k ~= "_G" and k ~= "arg" then libs[#libs + 1] = k end end
table.sort(libs)
print(table.concat(libs, " "))
