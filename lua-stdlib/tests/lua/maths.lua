-- math library
local function show(...)
  local t = { ... }
  for i = 1, select("#", ...) do t[i] = tostring(t[i]) end
  print(table.concat(t, "|"))
end
local function try(f, ...) show(pcall(f, ...)) end

show(math.floor(-3.5), math.ceil(-3.5), math.floor(3), math.ceil(3.2), math.abs(-2), math.abs(3))
show(math.fmod(7, -3), math.fmod(-7, 3), math.fmod(5.5, 2), math.mod(7, 3), math.modf(3.7))
show(math.modf(-3.7))
show(math.frexp(8), math.frexp(0), math.frexp(-3), math.ldexp(0.5, 4), math.ldexp(1, -1))
show(math.huge, -math.huge, math.pi, math.max(3, 1, 2), math.min(3, 1, 2), math.max(1), math.min(-1, -5))
show(math.floor("3.5"), math.sqrt(16), math.log(1), math.log(0), math.log10(1000), math.exp(0))
show(math.pow(2, 10), math.deg(math.pi), math.rad(180), math.atan2(1, 1), math.atan(1))
show(math.sin(0), math.cos(0), math.tan(0), math.asin(1), math.acos(1), math.sinh(0), math.cosh(0), math.tanh(0))
show(math.modf(1 / 0), math.frexp(1 / 0), math.floor(-0.0), 1 / math.floor(-0.0))
show(math.max(1, 2.5, -1), math.min(1 / 0, 5), math.ceil(-0.5), 2 ^ 53, 2 ^ 53 + 1)
try(function() return math.max() end)
try(function() return math.min() end)
try(function() return math.floor("x") end)
try(function() return math.floor() end)
try(function() return math.fmod(1) end)
try(function() return math.random(0) end)
try(function() return math.random(3, 1) end)
try(function() return math.random(1, 2, 3) end)
try(function() return math.randomseed() end)
show(math.random(1, 1), math.random(5, 5), math.random(-3, -3))
math.randomseed(42)
local inrange = true
for _ = 1, 1000 do
  local r, a, b = math.random(), math.random(10), math.random(-5, 5)
  if r < 0 or r >= 1 or a < 1 or a > 10 or a % 1 ~= 0 or b < -5 or b > 5 or b % 1 ~= 0 then inrange = false end
end
show(inrange)
