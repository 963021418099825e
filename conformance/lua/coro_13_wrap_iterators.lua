local function chars(s)
  return coroutine.wrap(function() for i = 1, #s do coroutine.yield(i, s:sub(i, i)) end end)
end
for i, c in chars("abc") do io.write(i, c, " ") end print()
local function tree_walk(t)
  return coroutine.wrap(function()
    local function walk(node, depth)
      if type(node) == "table" then
        for _, child in ipairs(node) do walk(child, depth + 1) end
      else coroutine.yield(node, depth) end
    end
    walk(t, 0)
  end)
end
for leaf, depth in tree_walk({1, {2, {3, 4}}, {{{5}}}}) do io.write(leaf, "@", depth, " ") end print()
local function zip(g1, g2)
  return coroutine.wrap(function()
    while true do
      local a, b = g1(), g2()
      if a == nil or b == nil then return end
      coroutine.yield(a, b)
    end
  end)
end
local function count(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
for a, b in zip(count(3), count(5)) do io.write(a, "-", b, " ") end print()
