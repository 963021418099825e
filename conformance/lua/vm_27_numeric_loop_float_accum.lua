local c = 0
for x = 0, 1, 0.1 do c = c + 1 end
print("0..1 by 0.1", c)
c = 0
for x = 1, 0, -0.1 do c = c + 1 end
print("1..0 by -0.1", c)
c = 0
for x = 0, 0.3, 0.1 do c = c + 1 end
print("0..0.3 by 0.1", c)
local last
for x = 0, 10, 1 / 3 do last = x end
print("last third", string.format("%.15g", last))
local vals = {}
for x = -1, 1, 0.5 do vals[#vals + 1] = x end
print(table.concat(vals, " "))
