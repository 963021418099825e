local outer
outer = coroutine.create(function()
  local inner = coroutine.wrap(function()
    print("inner sees outer", coroutine.status(outer))
    coroutine.yield("from inner")
    return "inner done"
  end)
  print("outer got", inner())
  coroutine.yield("outer yield")
  print("outer got", inner())
  print(pcall(inner))
  return "outer done"
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
print(coroutine.status(outer))
