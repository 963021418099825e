-- anchors ^ and $, with init
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", table.concat(out, " | "))
end
show("^h", pcall(string.find, "hello", "^h"))
show("^e", pcall(string.find, "hello", "^e"))
show("o$", pcall(string.find, "hello", "o$"))
show("l$", pcall(string.find, "hello", "l$"))
show("^hello$", pcall(string.find, "hello", "^hello$"))
show("^$", pcall(string.find, "hello", "^$"))
show("^$", pcall(string.find, "", "^$"))
show("a^b", pcall(string.find, "a^b", "a^b"))
show("b$", pcall(string.find, "ab$", "b$"))
show("x%$", pcall(string.find, "x$", "x%$"))
show("^", pcall(string.find, "hello", "^", 3))
show("$", pcall(string.find, "hello", "$"))
show("^line2", pcall(string.find, "line1\nline2", "^line2"))
show("^b", pcall(string.find, "abc", "^b", 2))
show("c$", pcall(string.find, "abc", "c$", 3))
show("^abc", pcall(string.find, "abc", "^abc", 1))
show("^abc", pcall(string.find, "abc", "^abc", -3))
