-- string.find with plain = true
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", table.concat(out, " | "))
end
show(".", pcall(string.find, "a.b", ".", 1, true))
show("+", pcall(string.find, "a+b", "+", 1, true))
show("(", pcall(string.find, "a(b", "(", 1, true))
show("[", pcall(string.find, "[x]", "[", 1, true))
show("%", pcall(string.find, "abc", "%", 1, true))
show("%d", pcall(string.find, "abc%d", "%d", 1, true))
show("l", pcall(string.find, "hello", "l", -2, true))
show("", pcall(string.find, "hello", "", 3, true))
show("lo", pcall(string.find, "hello", "lo", 1, true))
show("xyz", pcall(string.find, "hello", "xyz", 1, true))
show(".", pcall(string.find, "a.b.c", ".", 3, true))
show("plain", pcall(string.find, "plain", "plain", 2, true))
show("x", pcall(string.find, "x", "x", 1, false))
show(".", pcall(string.find, "x", ".", 1, nil))
