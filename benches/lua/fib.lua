-- Recursive calls: the cost of a Lua-to-Lua call and return.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
function bench() return fib(24) end
