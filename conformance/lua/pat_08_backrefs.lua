-- back-references %1..%9 and their errors
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", table.concat(out, " | "))
end
show("(abc)%1", pcall(string.find, "abcabc", "(abc)%1"))
show("(ab)%1", pcall(string.find, "abab", "(ab)%1"))
show("(%a)%1", pcall(string.find, "aa bb cd", "(%a)%1"))
show("(x(y)z)%1", pcall(string.find, "xyzxyz!", "(x(y)z)%1"))
show("([\"'])(.-)%1", pcall(string.find, "\"quoted\" 'single'", "([\"'])(.-)%1"))
show("(%a+) %1", pcall(string.find, "hello hello world", "(%a+) %1"))
show("(a)(b)%1", pcall(string.find, "aba", "(a)(b)%1"))
show("(a+)%1", pcall(string.find, "aaaa", "(a+)%1"))
show("(a)%2", pcall(string.find, "abc", "(a)%2"))
show("%1", pcall(string.find, "abc", "%1"))
show("(a%1)", pcall(string.find, "abc", "(a%1)"))
show("()ab%1", pcall(string.find, "abab", "()ab%1"))
