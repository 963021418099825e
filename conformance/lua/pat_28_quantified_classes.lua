-- quantifiers applied to classes, sets and dots
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"   x\" \"^%s*\"", pcall(string.match, "   x", "^%s*"))
show("\"123abc\" \"^%d+\"", pcall(string.match, "123abc", "^%d+"))
show("\"123abc\" \"^%d-\"", pcall(string.match, "123abc", "^%d-"))
show("\"123abc\" \"^%d-%a\"", pcall(string.match, "123abc", "^%d-%a"))
show("\"abc123\" \"%a*%d?\"", pcall(string.match, "abc123", "%a*%d?"))
show("\"aaa\" \"a?a?a?a?\"", pcall(string.match, "aaa", "a?a?a?a?"))
show("\"[[]]\" \"%[*\"", pcall(string.match, "[[]]", "%[*"))
show("\"a.b.c\" \"[^.]+$\"", pcall(string.match, "a.b.c", "[^.]+$"))
show("\"2020-01-02\" \"^(%d%d%d%d)%-(%d%d)\"", pcall(string.match, "2020-01-02", "^(%d%d%d%d)%-(%d%d)"))
show("\"  indented\" \"^(%s*)\"", pcall(string.match, "  indented", "^(%s*)"))
show("\"ab\" \"a-b-\"", pcall(string.match, "ab", "a-b-"))
show("\"ab\" \"a*b*c*\"", pcall(string.match, "ab", "a*b*c*"))
show("\"\" \"%d*\"", pcall(string.match, "", "%d*"))
show("\"xyz\" \".-$\"", pcall(string.match, "xyz", ".-$"))
show("\"xyz\" \"^.-\"", pcall(string.match, "xyz", "^.-"))
show("\"key  =   val\" \"(%w+)%s-=%s*(%w+)\"", pcall(string.match, "key  =   val", "(%w+)%s-=%s*(%w+)"))
