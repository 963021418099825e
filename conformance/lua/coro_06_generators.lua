local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
for p in coroutine.wrap(function() permgen({"a", "b", "c"}) end) do print(table.concat(p)) end
local function fib()
  return coroutine.wrap(function()
    local a, b = 0, 1
    while true do coroutine.yield(a) a, b = b, a + b end
  end)
end
local f = fib()
local out = {}
for i = 1, 15 do out[i] = f() end
print(table.concat(out, " "))
local function filter(pred, gen)
  return coroutine.wrap(function() for v in gen do if pred(v) then coroutine.yield(v) end end end)
end
local function nums(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
local evens = {}
for v in filter(function(x) return x % 2 == 0 end, nums(12)) do evens[#evens + 1] = v end
print(table.concat(evens, ","))
-- producer / consumer
local producer = coroutine.create(function()
  for _, item in ipairs({"x", "y", "z"}) do coroutine.yield(item) end
  return nil
end)
while true do
  local ok, item = coroutine.resume(producer)
  if not item then break end
  io.write(item, " ")
end
print(coroutine.status(producer))
