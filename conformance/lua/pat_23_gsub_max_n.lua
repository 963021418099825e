-- string.gsub with the max-n argument
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"aaaa\" \"a\" \"b\" 0", pcall(string.gsub, "aaaa", "a", "b", 0))
show("\"aaaa\" \"a\" \"b\" 1", pcall(string.gsub, "aaaa", "a", "b", 1))
show("\"aaaa\" \"a\" \"b\" 3", pcall(string.gsub, "aaaa", "a", "b", 3))
show("\"aaaa\" \"a\" \"b\" 4", pcall(string.gsub, "aaaa", "a", "b", 4))
show("\"aaaa\" \"a\" \"b\" 10", pcall(string.gsub, "aaaa", "a", "b", 10))
show("\"aaaa\" \"a\" \"b\" -1", pcall(string.gsub, "aaaa", "a", "b", -1))
show("\"aaaa\" \"a\" \"b\" 2.9", pcall(string.gsub, "aaaa", "a", "b", 2.9))
show("\"aaaa\" \"\" \"-\" 2", pcall(string.gsub, "aaaa", "", "-", 2))
show("\"a b c d\" \"%w\" \"%0%0\" 2", pcall(string.gsub, "a b c d", "%w", "%0%0", 2))
show("\"abc\" \"x\" \"y\" 5", pcall(string.gsub, "abc", "x", "y", 5))
show("\"aaaa\" \"a\" \"b\" \"2\"", pcall(string.gsub, "aaaa", "a", "b", "2"))
