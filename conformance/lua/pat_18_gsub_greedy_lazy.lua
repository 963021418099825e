-- gsub with greedy and lazy quantifiers
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("<.-> -> ", pcall(string.gsub, "<b>bold</b> and <i>it</i>", "<.->", ""))
show("<.*> -> ", pcall(string.gsub, "<b>bold</b> and <i>it</i>", "<.*>", ""))
show("a- -> x", pcall(string.gsub, "aaa", "a-", "x"))
show("a* -> x", pcall(string.gsub, "aaa", "a*", "x"))
show("a+ -> x", pcall(string.gsub, "aaa", "a+", "x"))
show("a? -> x", pcall(string.gsub, "aaa", "a?", "x"))
show("/%*.-%*/ -> ", pcall(string.gsub, "/* c1 */ code /* c2 */", "/%*.-%*/", ""))
show("%b() -> B", pcall(string.gsub, "((a))", "%b()", "B"))
show("%b() -> ()", pcall(string.gsub, "f(x) + g(y, z)", "%b()", "()"))
show("%s*=%s* -> =", pcall(string.gsub, "key = value", "%s*=%s*", "="))
show(",+ -> ,", pcall(string.gsub, "a,,b,,,c", ",+", ","))
show("%-%-.*$ -> ", pcall(string.gsub, "x = 1 -- comment", "%-%-.*$", ""))
show("%a+(%d+) -> %1", pcall(string.gsub, "ab12cd34", "%a+(%d+)", "%1"))
