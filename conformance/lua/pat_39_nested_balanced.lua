-- nested balanced matches
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"f(g(h(x)))\" \"%b()\"", pcall(string.match, "f(g(h(x)))", "%b()"))
show("\"f(g(h(x)))\" \"g(%b())\"", pcall(string.match, "f(g(h(x)))", "g(%b())"))
show("\"[[a][b]]\" \"%[(%b[])\"", pcall(string.match, "[[a][b]]", "%[(%b[])"))
show("\"{{}{}}\" \"^%b{}$\"", pcall(string.match, "{{}{}}", "^%b{}$"))
show("\"((a)\" \"%b()\"", pcall(string.match, "((a)", "%b()"))
show("\"(a))\" \"%b()\"", pcall(string.match, "(a))", "%b()"))
show("\"<<>><>\" \"(%b<>)(%b<>)\"", pcall(string.match, "<<>><>", "(%b<>)(%b<>)"))
show("\"x = {a = {b = 1}}\" \"=%s*(%b{})\"", pcall(string.match, "x = {a = {b = 1}}", "=%s*(%b{})"))
