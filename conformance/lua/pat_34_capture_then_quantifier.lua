-- a quantifier after a capture applies to nothing special: ')*' matches a literal
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"aaa\" \"(a)*\"", pcall(string.find, "aaa", "(a)*"))
show("\"a*\" \"(a)*\"", pcall(string.find, "a*", "(a)*"))
show("\"ab+\" \"(a)(b)+\"", pcall(string.find, "ab+", "(a)(b)+"))
show("\"x?\" \"(x)?\"", pcall(string.find, "x?", "(x)?"))
show("\"aa\" \"(a)-\"", pcall(string.find, "aa", "(a)-"))
show("\"a-\" \"(a)-\"", pcall(string.find, "a-", "(a)-"))
