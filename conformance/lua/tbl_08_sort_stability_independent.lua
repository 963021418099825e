-- comparisons that make the result unique regardless of stability
local people = {
  {name = "ann", age = 30}, {name = "bob", age = 25}, {name = "cid", age = 30},
  {name = "dan", age = 25}, {name = "eve", age = 35}, {name = "fay", age = 30},
}
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
for _, p in ipairs(people) do io.write(p.name, ":", p.age, " ") end print()
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age > b.age end
  return a.name > b.name
end)
for _, p in ipairs(people) do io.write(p.name, " ") end print()
local pts = {}
for i = 1, 25 do pts[i] = {x = i % 5, y = math.floor(i / 5)} end
table.sort(pts, function(a, b) if a.x ~= b.x then return a.x < b.x end return a.y > b.y end)
for i = 1, 25, 5 do io.write(pts[i].x, ",", pts[i].y, " ") end print()
local meta = {}
local mt = {__lt = function(a, b) return a.k < b.k end}
for i = 1, 10 do meta[i] = setmetatable({k = (i * 3) % 11}, mt) end
table.sort(meta)
for _, m in ipairs(meta) do io.write(m.k, " ") end print()
