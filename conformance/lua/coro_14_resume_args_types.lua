local co = coroutine.create(function(...)
  local vals = {...}
  while true do
    local out = {}
    for i = 1, select("#", unpack(vals)) do out[i] = type(vals[i]) end
    vals = {coroutine.yield(table.concat(out, ","))}
  end
end)
print(coroutine.resume(co, 1, "s", true, nil, {}, print))
print(coroutine.resume(co))
print(coroutine.resume(co, coroutine.create(function() end)))
print(coroutine.resume(co, newproxy()))
print(coroutine.status(co))
