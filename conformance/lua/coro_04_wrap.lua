local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i, i * i) end
  return "done"
end)
print(gen(3))
print(gen())
print(gen())
print(gen())
print(pcall(gen))
local function range(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local s = 0
for v in range(10) do s = s + v end
print("sum", s)
local failing = coroutine.wrap(function() error("wrapped error") end)
print(pcall(failing))
local failing2 = coroutine.wrap(function() error({}) end)
local ok, e = pcall(failing2)
print(ok, type(e))
local failing3 = coroutine.wrap(function() local n = nil; return n + 1 end)
print(pcall(failing3))
print(pcall(coroutine.wrap, 5))
local echo = coroutine.wrap(function(...)
  local args = {...}
  while true do args = {coroutine.yield(unpack(args))} end
end)
print(echo(1, 2))
print(echo("a", nil, "c"))
print(echo())
