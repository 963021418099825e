-- gsub replacement strings with %0..%9 and %%
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("(%w+) (%w+) -> %2, %1", pcall(string.gsub, "john smith", "(%w+) (%w+)", "%2, %1"))
show("(a)(b)(c) -> %3%3%2%2%1%1", pcall(string.gsub, "abc", "(a)(b)(c)", "%3%3%2%2%1%1"))
show("a(b)c -> [%0|%1]", pcall(string.gsub, "abc", "a(b)c", "[%0|%1]"))
show("x -> %%", pcall(string.gsub, "x", "x", "%%"))
show("x -> %%%%", pcall(string.gsub, "x", "x", "%%%%"))
show("x -> 100%%", pcall(string.gsub, "x", "x", "100%%"))
show("(x) -> %1%1%1", pcall(string.gsub, "x", "(x)", "%1%1%1"))
show("(a)(b) -> %2%1%0", pcall(string.gsub, "ab", "(a)(b)", "%2%1%0"))
show("(%a)(%d) -> %2%1", pcall(string.gsub, "a1b2", "(%a)(%d)", "%2%1"))
show("(a)(b)(c)(d)(e)(f)(g)(h)(i) -> %9%8%7%6%5%4%3%2%1", pcall(string.gsub, "abcdefghi", "(a)(b)(c)(d)(e)(f)(g)(h)(i)", "%9%8%7%6%5%4%3%2%1"))
show("(l)(l) -> %2%1", pcall(string.gsub, "hello", "(l)(l)", "%2%1"))
show("l -> %0%0", pcall(string.gsub, "hello", "l", "%0%0"))
show("b -> %1", pcall(string.gsub, "abc", "b", "%1"))
show("(b) -> %2", pcall(string.gsub, "abc", "(b)", "%2"))
show("%. -> %%.", pcall(string.gsub, "a.b", "%.", "%%."))
show("/ -> \\", pcall(string.gsub, "path/to", "/", "\\"))
show("a -> \9", pcall(string.gsub, "tab", "a", "\9"))
show("x -> %a", pcall(string.gsub, "x", "x", "%a"))
