local fns = {}
local i = 1
while i <= 3 do
  local j = i
  fns[#fns + 1] = function() j = j + 100 return j end
  i = i + 1
end
print(fns[1](), fns[1](), fns[2](), fns[3]())
local outer = {}
for a = 1, 2 do
  for b = 1, 2 do
    outer[#outer + 1] = function() return a * 10 + b end
  end
end
for _, f in ipairs(outer) do io.write(f(), " ") end print()
local counter = 0
local incs = {}
for n = 1, 3 do incs[n] = function() counter = counter + n return counter end end
print(incs[1](), incs[2](), incs[3](), counter)
local function gen()
  local list = {}
  for k = 1, 3 do
    local captured = k
    list[k] = function(v) if v then captured = v end return captured end
  end
  return list
end
local g = gen()
g[2]("changed")
print(g[1](), g[2](), g[3]())
local loopvar = {}
for idx = 1, 3 do
  loopvar[idx] = function() return idx end
  idx = idx * 10
end
print(loopvar[1](), loopvar[2](), loopvar[3]())
