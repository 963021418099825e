local log = {}
local function st(name, co) log[#log + 1] = name .. "=" .. coroutine.status(co) end
local co1, co2
co1 = coroutine.create(function()
  st("co1 inside", co1)
  coroutine.resume(co2)
  st("co2 after return", co2)
  coroutine.yield("y1")
  return "r1"
end)
co2 = coroutine.create(function()
  st("co1 from co2", co1)
  st("co2 inside", co2)
  coroutine.yield()
end)
st("co1 before", co1)
print(coroutine.resume(co1))
st("co1 suspended", co1)
st("co2 suspended", co2)
print(coroutine.resume(co1))
st("co1 end", co1)
print(coroutine.resume(co2))
st("co2 end", co2)
for _, l in ipairs(log) do print(l) end
