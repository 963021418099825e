local t = {"a", "b", "c", "d"}
print(unpack(t, 2, 3))
print(table.concat({unpack(t, 2)}, "-"))
local function rev(...) local r = {} for i = select("#", ...), 1, -1 do r[#r + 1] = (select(i, ...)) end return unpack(r) end
print(rev(unpack(t)))
print(table.concat({rev(1, 2, 3)}, ""))
local parts = {}
for i = 1, 5 do parts[#parts + 1] = string.rep(tostring(i), i) end
print(table.concat(parts, "/"))
print(select("#", unpack({1, 2, nil, 4})))
print(select("#", unpack({1, 2, nil, 4}, 1, 4)))
