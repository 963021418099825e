local function none() end
local function one() return 1 end
local function two() return 1, 2 end
local function three() return 1, 2, 3 end
print(none())
print(one(), two())
print(two(), one())
print(three(), three())
print((three()))
local t = {three(), three()}
print(#t)
t = {three(), nil}
print(#t)
t = {none(), none()}
print(#t)
local a, b, c, d = two()
print(a, b, c, d)
a, b, c, d = two(), two()
print(a, b, c, d)
print(select("#", none()), select("#", none(), none()), select("#", (none())))
print(string.format("%s %s %s", three()))
print(math.max(three()), math.min(three(), 0))
local function passthrough(...) return ... end
print(passthrough(three()))
print(passthrough(none()))
print(select("#", passthrough(nil, nil)))
local function tailmulti() return three() end
print(tailmulti())
print({three()} ~= nil, #{three(), one()})
