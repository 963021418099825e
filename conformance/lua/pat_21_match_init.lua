-- string.match with init positions
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"abcabc\" \"b\" 1", pcall(string.match, "abcabc", "b", 1))
show("\"abcabc\" \"b\" 3", pcall(string.match, "abcabc", "b", 3))
show("\"abcabc\" \"b\" -2", pcall(string.match, "abcabc", "b", -2))
show("\"abcabc\" \"b\" -100", pcall(string.match, "abcabc", "b", -100))
show("\"abcabc\" \"b\" 7", pcall(string.match, "abcabc", "b", 7))
show("\"abcabc\" \"^b\" 2", pcall(string.match, "abcabc", "^b", 2))
show("\"abcabc\" \"^a\" 4", pcall(string.match, "abcabc", "^a", 4))
show("\"abcabc\" \"(.)$\" 1", pcall(string.match, "abcabc", "(.)$", 1))
show("\"abcabc\" \"()\" 4", pcall(string.match, "abcabc", "()", 4))
show("\"abcabc\" \"()\" 7", pcall(string.match, "abcabc", "()", 7))
show("\"abcabc\" \"()\" 8", pcall(string.match, "abcabc", "()", 8))
show("\"12 34 56\" \"%d+\" 3", pcall(string.match, "12 34 56", "%d+", 3))
show("\"12 34 56\" \"%d+\" 4", pcall(string.match, "12 34 56", "%d+", 4))
show("\"  x\" \"^%s*()\" 1", pcall(string.match, "  x", "^%s*()", 1))
