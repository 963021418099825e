local function iter(limit)
  return function(state, ctl)
    if ctl < limit then return ctl + 1, ctl * 10 end
  end, "state", 0
end
for i, v in iter(4) do print("iter", i, v) end
for k, v in ipairs({"a", "b", nil, "d"}) do print("ipairs", k, v) end
local t = {10, 20, 30}
for i, v in ipairs(t) do
  if i == 1 then t[3] = nil end
  print("mutating", i, v)
end
local function stateful()
  local n = 0
  return function() n = n + 1 if n <= 3 then return n end end
end
for v in stateful() do print("closure", v) end
for a, b, c, d in function(_, x) if not x then return 1, 2, 3, 4 end end do
  print("four", a, b, c, d)
end
print(pcall(function() for x in nil do end end))
print(pcall(function() for x in 5 do end end))
print(pcall(function() for x in {} do end end))
local s = {}
for w in string.gmatch("one two three", "%a+") do s[#s + 1] = w end
print(table.concat(s, ","))
for k in pairs({}) do print("never") end
local cnt = 0
for _ in next, {1, 2, 3} do cnt = cnt + 1 end
print("next-direct", cnt)
