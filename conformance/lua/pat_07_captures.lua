-- captures, nested and position captures with string.match
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", table.concat(out, " | "))
end
show("(%w+)=(%w+)", pcall(string.match, "key=value", "(%w+)=(%w+)"))
show("(%d+)-(%d+)-(%d+)", pcall(string.match, "2024-01-15", "(%d+)-(%d+)-(%d+)"))
show("()", pcall(string.match, "abc", "()"))
show("()b()", pcall(string.match, "abc", "()b()"))
show("(h)(e)(l)(l)(o)", pcall(string.match, "hello", "(h)(e)(l)(l)(o)"))
show("(a*)", pcall(string.match, "aaa", "(a*)"))
show("(a*)", pcall(string.match, "", "(a*)"))
show("((n)(e))", pcall(string.match, "nested", "((n)(e))"))
show("(%w+)%s*=%s*(%w+)", pcall(string.match, "x = 1", "(%w+)%s*=%s*(%w+)"))
show("a(.-)c", pcall(string.match, "abc", "a(.-)c"))
show("(.)(.)(.)", pcall(string.match, "abc", "(.)(.)(.)"))
show("((.)(.))", pcall(string.match, "abc", "((.)(.))"))
show("^%s*(.-)%s*$", pcall(string.match, "  trim  ", "^%s*(.-)%s*$"))
show("([^,]*)", pcall(string.match, "a,b,,c", "([^,]*)"))
show("%[(%b[])%]", pcall(string.match, "[[x]]", "%[(%b[])%]"))
show("%w+(%b())", pcall(string.match, "f(a(b)c)", "%w+(%b())"))
