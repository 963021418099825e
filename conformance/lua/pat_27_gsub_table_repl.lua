-- gsub with a table replacement (first capture is the key)
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"$a $b $c\" \"%$(%w+)\" {a = 'A', b = 2}", pcall(string.gsub, "$a $b $c", "%$(%w+)", {a = 'A', b = 2}))
show("\"hello\" \".\" {h = 'H', l = false}", pcall(string.gsub, "hello", ".", {h = 'H', l = false}))
show("\"one two\" \"%a+\" {one = 1, two = 2.5}", pcall(string.gsub, "one two", "%a+", {one = 1, two = 2.5}))
show("\"x y\" \"(%a) (%a)\" {x = 'X', y = 'Y'}", pcall(string.gsub, "x y", "(%a) (%a)", {x = 'X', y = 'Y'}))
show("\"abc\" \"()\" {[1] = 'one', [2] = 'two'}", pcall(string.gsub, "abc", "()", {[1] = 'one', [2] = 'two'}))
show("\"abc\" \"%a\" {}", pcall(string.gsub, "abc", "%a", {}))
show("\"a.b\" \"%.\" {['.'] = '::'}", pcall(string.gsub, "a.b", "%.", {['.'] = '::'}))
show("\"k\" \"k\" setmetatable({}, {__index = function(_, k) return k .. k end})", pcall(string.gsub, "k", "k", setmetatable({}, {__index = function(_, k) return k .. k end})))
