local co = coroutine.create(function(...)
  print("args", select("#", ...), ...)
  local r = {coroutine.yield()}
  print("resumed with", #r, unpack(r))
  r = {coroutine.yield(nil, nil)}
  print("again", select("#", unpack(r)))
  return ...
end)
print(coroutine.resume(co, 1, nil, 3))
print(coroutine.resume(co, "a", "b"))
print(coroutine.resume(co))
print(coroutine.status(co))
local many = coroutine.create(function()
  local t = {}
  for i = 1, 100 do t[i] = i end
  coroutine.yield(unpack(t))
end)
print(select("#", coroutine.resume(many)))
local deep = coroutine.create(function()
  local function rec(n) if n == 0 then coroutine.yield("bottom") return 0 end return 1 + rec(n - 1) end
  return rec(100)
end)
print(coroutine.resume(deep))
print(coroutine.resume(deep))
local nest = coroutine.wrap(function()
  local inner = coroutine.wrap(function() coroutine.yield("inner1") coroutine.yield("inner2") end)
  coroutine.yield(inner())
  coroutine.yield("outer")
  coroutine.yield(inner())
end)
print(nest(), nest(), nest())
