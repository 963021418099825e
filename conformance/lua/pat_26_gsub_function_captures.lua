-- gsub with a function receiving captures
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"a=1,b=2\" \"(%w+)=(%w+)\" function(k, v) return v .. k end", pcall(string.gsub, "a=1,b=2", "(%w+)=(%w+)", function(k, v) return v .. k end))
show("\"hello world\" \"(o)\" function(o) return o:upper() end", pcall(string.gsub, "hello world", "(o)", function(o) return o:upper() end))
show("\"abc\" \"()\" function(p) return '<' .. p .. '>' end", pcall(string.gsub, "abc", "()", function(p) return '<' .. p .. '>' end))
show("\"abc\" \"(a)(b)(c)\" function(...) return select('#', ...) end", pcall(string.gsub, "abc", "(a)(b)(c)", function(...) return select('#', ...) end))
show("\"x1y22z333\" \"%d+\" function(d) return #d end", pcall(string.gsub, "x1y22z333", "%d+", function(d) return #d end))
show("\"keep drop keep\" \"%a+\" function(w) if w == 'drop' then return '' end end", pcall(string.gsub, "keep drop keep", "%a+", function(w) if w == 'drop' then return '' end end))
show("\"abc\" \".\" function(c) return c:byte() end", pcall(string.gsub, "abc", ".", function(c) return c:byte() end))
show("\"1 2 3\" \"%d\" function(d) return d * 2 end", pcall(string.gsub, "1 2 3", "%d", function(d) return d * 2 end))
show("\"aaa\" \"a\" function() return false end", pcall(string.gsub, "aaa", "a", function() return false end))
show("\"test\" \"(t)(e)\" function(a, b) return b .. a end", pcall(string.gsub, "test", "(t)(e)", function(a, b) return b .. a end))
show("\"abc\" \"b\" function(m) return m .. m .. m end", pcall(string.gsub, "abc", "b", function(m) return m .. m .. m end))
show("\"abc\" \"(b)()\" function(m, p) return p end", pcall(string.gsub, "abc", "(b)()", function(m, p) return p end))
