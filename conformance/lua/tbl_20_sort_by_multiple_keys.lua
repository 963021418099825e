local data = {}
local names = {"ann", "bob", "cid", "dan", "eve", "fay", "gus", "hal"}
for i, n in ipairs(names) do data[i] = {name = n, dept = (i * 3) % 3 + (i % 2), salary = (i * 7919) % 100} end
table.sort(data, function(a, b)
  if a.dept ~= b.dept then return a.dept < b.dept end
  if a.salary ~= b.salary then return a.salary > b.salary end
  return a.name < b.name
end)
for _, d in ipairs(data) do print(d.dept, d.salary, d.name) end
local pairs_list = {{2, "b"}, {1, "b"}, {2, "a"}, {1, "a"}}
table.sort(pairs_list, function(x, y) if x[1] ~= y[1] then return x[1] < y[1] end return x[2] < y[2] end)
for _, p in ipairs(pairs_list) do io.write(p[1], p[2], " ") end print()
