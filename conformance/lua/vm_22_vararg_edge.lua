local function f(...)
  local a, b = ...
  local t = {...}
  local n = select("#", ...)
  return a, b, #t, n
end
print(f())
print(f(nil))
print(f(1, nil))
print(f(nil, nil, nil))
local function g(...) return ..., "end" end
print(g(1, 2))
local function h(...) return "start", ... end
print(h())
print(h(nil, nil))
local function count(...) return select("#", ...) end
print(count(g()), count(h()), count(h(nil)))
local function forward(...) return count(...) end
print(forward(nil, nil, nil, nil))
local function modify(...)
  local a, b, c = ...
  a = "changed"
  return a, ...
end
print(modify(1, 2, 3))
print(pcall(function(...) return ... end, "through", "pcall"))
