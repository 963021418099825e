local function compose(f, g) return function(...) return f(g(...)) end end
local function inc(x) return x + 1 end
local function dbl(x) return x * 2 end
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
local function curry(f) return function(a) return function(b) return f(a, b) end end end
print(curry(function(a, b) return a - b end)(10)(3))
local function memo(f)
  local cache = {}
  return function(n)
    if cache[n] == nil then cache[n] = f(n) end
    return cache[n]
  end
end
local fib
fib = memo(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(80))
local function map(f, t) local r = {} for i, v in ipairs(t) do r[i] = f(v) end return r end
print(table.concat(map(function(x) return x * x end, {1, 2, 3, 4}), " "))
local function reduce(f, acc, t) for _, v in ipairs(t) do acc = f(acc, v) end return acc end
print(reduce(function(a, b) return a + b end, 0, {1, 2, 3, 4, 5}))
local Y = function(f) return (function(x) return x(x) end)(function(x) return f(function(...) return x(x)(...) end) end) end
local fact = Y(function(self) return function(n) if n == 0 then return 1 end return n * self(n - 1) end end)
print(fact(10))
local function counterGen()
  local count = 0
  return {inc = function() count = count + 1 end, get = function() return count end}
end
local c = counterGen()
c.inc() c.inc()
print(c.get())
print((function(...) return select("#", ...) end)(nil, nil, nil))
