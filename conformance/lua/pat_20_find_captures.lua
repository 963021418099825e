-- string.find returns positions then captures
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"hello world\" \"(o)(r)\"", pcall(string.find, "hello world", "(o)(r)"))
show("\"hello world\" \"w(or)ld\"", pcall(string.find, "hello world", "w(or)ld"))
show("\"key = value\" \"(%w+)%s*=%s*(%w+)\"", pcall(string.find, "key = value", "(%w+)%s*=%s*(%w+)"))
show("\"aaa\" \"(a-)a\"", pcall(string.find, "aaa", "(a-)a"))
show("\"abc\" \"()(b)()\"", pcall(string.find, "abc", "()(b)()"))
show("\"x\" \"(x)\" 2", pcall(string.find, "x", "(x)", 2))
show("\"date: 2020-05-17\" \"(%d+)-(%d+)-(%d+)\"", pcall(string.find, "date: 2020-05-17", "(%d+)-(%d+)-(%d+)"))
show("\"abc\" \"(%a*)\"", pcall(string.find, "abc", "(%a*)"))
show("\"\" \"(%a*)\"", pcall(string.find, "", "(%a*)"))
show("\"a.b\" \"(%.)\"", pcall(string.find, "a.b", "(%.)"))
show("\"The End\" \"(%u)%l*$\"", pcall(string.find, "The End", "(%u)%l*$"))
show("\"[[x]]\" \"(%[+)(.-)(%]+)\"", pcall(string.find, "[[x]]", "(%[+)(.-)(%]+)"))
