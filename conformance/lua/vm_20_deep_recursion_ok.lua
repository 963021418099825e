local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
print(sum(10000))
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 3), ack(3, 3))
local function hanoi(n, from, to, via, moves)
  if n == 0 then return moves end
  moves = hanoi(n - 1, from, via, to, moves)
  moves = moves + 1
  return hanoi(n - 1, via, to, from, moves)
end
print(hanoi(12, "a", "c", "b", 0))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
local depth = 0
local function nest(n) depth = math.max(depth, n) if n < 150 then return (nest(n + 1)) end return n end
print(nest(1), depth)
