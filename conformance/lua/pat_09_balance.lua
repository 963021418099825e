-- %b balanced matches
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", table.concat(out, " | "))
end
show("%b()", pcall(string.find, "(a(b)c)", "%b()"))
show("%b()", pcall(string.find, "x(a)(b)y", "%b()"))
show("%b()", pcall(string.find, "((unbalanced", "%b()"))
show("%b{}", pcall(string.find, "{x{y}z}", "%b{}"))
show("%b[]", pcall(string.find, "[a]b]", "%b[]"))
show("%b<>", pcall(string.find, "<<>>", "%b<>"))
show("%b()", pcall(string.find, "noparen", "%b()"))
show("%bXX", pcall(string.find, "aXbXc", "%bXX"))
show("%baa", pcall(string.find, "aaa", "%baa"))
show("%bie", pcall(string.find, "if x then y end", "%bie"))
show("%b()", pcall(string.find, "()", "%b()"))
show("%b()", pcall(string.find, ")(", "%b()"))
show("%b", pcall(string.find, "abc", "%b"))
show("%ba", pcall(string.find, "abc", "%ba"))
