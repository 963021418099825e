-- gsub with anchors and empty matches
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("^ -> >", pcall(string.gsub, "hello", "^", ">"))
show("$ -> <", pcall(string.gsub, "hello", "$", "<"))
show("^h -> J", pcall(string.gsub, "hello", "^h", "J"))
show("^h -> J", pcall(string.gsub, "hhh", "^h", "J"))
show("o$ -> 0", pcall(string.gsub, "hello", "o$", "0"))
show("^ -> x", pcall(string.gsub, "", "^", "x"))
show("$ -> x", pcall(string.gsub, "", "$", "x"))
show("^$ -> x", pcall(string.gsub, "abc", "^$", "x"))
show("^$ -> x", pcall(string.gsub, "", "^$", "x"))
show("^ -> #", pcall(string.gsub, "a\nb", "^", "#"))
show(".- -> -", pcall(string.gsub, "abc", ".-", "-"))
show("x* -> -", pcall(string.gsub, "abc", "x*", "-"))
show("%w? -> <%0>", pcall(string.gsub, "abc", "%w?", "<%0>"))
show("() -> %1", pcall(string.gsub, "abc", "()", "%1"))
show("%s* -> _", pcall(string.gsub, "a b c", "%s*", "_"))
show("a -> b", pcall(string.gsub, "aaa", "a", "b", 2))
show("^a -> b", pcall(string.gsub, "aaa", "^a", "b", 5))
show(" -> ", pcall(string.gsub, "abc", "", "", 2))
