-- table library
local function show(...)
  local t = { ... }
  for i = 1, select("#", ...) do t[i] = tostring(t[i]) end
  print(table.concat(t, "|"))
end
local function try(f, ...) show(pcall(f, ...)) end
local function list(t) return "{" .. table.concat(t, ",") .. "}" end

show(table.concat({ 1, 2, 3 }, ", "), table.concat({}, "x"), table.concat({ 1, 2, 3 }, "-", 2))
show(table.concat({ 1, 2, 3 }, "-", 3, 2), table.concat({ "a", 1.5 }), table.concat({ 1, 2, 3 }, "", 2, 3))
try(table.concat, { 1, {}, 3 })
try(table.concat, { 1, 2, 3 }, ",", 1, 5)
try(table.concat, {}, {})
try(table.concat, "x")
local t = { 1, 2, 3 }
table.insert(t, 4); table.insert(t, 1, 0); table.insert(t, 3, 1.5)
show(list(t), #t)
local t = { 1, 2, 3 }; table.insert(t, 10, 9); show(t[10], #t)
try(table.insert, {}, 1, 2, 3)
try(table.insert, {})
try(table.insert, nil, 1)
try(table.insert, {}, "x", 1)
local t = { 1, 2, 3, 4 }
show(table.remove(t), table.remove(t, 1), list(t), table.remove({}), #t)
show(select("#", table.remove({})), select("#", table.remove({ 1 }, 5)), table.remove({ 1, 2 }, 2))
show(table.getn({ 1, 2, 3 }), table.maxn({ 1, 2, [10] = 5, [1.5] = 7 }), table.maxn({}), table.maxn({ [-1] = 1 }))
try(table.setn, {}, 1)
try(table.getn, 5)
table.foreach({ 10, 20 }, function(k, v) io.write(k, "=", v, " ") end) print()
table.foreachi({ 10, 20, 30 }, function(i, v) io.write(i, ":", v, " ") end) print()
show(table.foreach({ a = 1 }, function(k, v) return k .. v end), table.foreachi({ 5, 6 }, function(i, v) if v == 6 then return "six" end end))
local t = { 5, 3, 8, 1, 9, 2, 7, 4, 6, 10 }
table.sort(t); show(list(t))
table.sort(t, function(a, b) return a > b end); show(list(t))
local words = { "pear", "apple", "fig", "banana", "cherry" }
table.sort(words); show(list(words))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end); show(list(words))
local log = {}
local t = { 5, 3, 8, 1, 9, 2, 7, 4, 6, 10, 15, 12, 11, 14, 13 }
table.sort(t, function(a, b) log[#log + 1] = a .. ">" .. b; return a > b end)
show(list(t)); show(table.concat(log, " "))
try(table.sort, { 5, 4, 3, 2, 1, 6, 7, 8, 9, 10, 11, 12 }, function(a, b) return true end)
try(table.sort, { 3, 1, "x" })
try(table.sort, { 3, 1, 2 }, 5)
try(table.sort, 5)
local mt = { __lt = function(a, b) return a.v < b.v end }
local objs = {}
for i, v in ipairs({ 4, 2, 9, 1 }) do objs[i] = setmetatable({ v = v }, mt) end
table.sort(objs)
for _, o in ipairs(objs) do io.write(o.v, " ") end print()
local big = {}
for i = 1, 2000 do big[i] = (i * 7919) % 2003 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
show(ok, big[1], big[2000])
table.sort({}); table.sort({ 1 })
