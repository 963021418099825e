-- string.find with positive, negative and out-of-range init
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", table.concat(out, " | "))
end
show("o", pcall(string.find, "hello world", "o", 1))
show("o", pcall(string.find, "hello world", "o", 5))
show("o", pcall(string.find, "hello world", "o", 6))
show("o", pcall(string.find, "hello world", "o", -3))
show("o", pcall(string.find, "hello world", "o", -100))
show("o", pcall(string.find, "hello world", "o", 100))
show("", pcall(string.find, "hello", "", 10))
show("", pcall(string.find, "hello", "", 6))
show("", pcall(string.find, "hello", "", 5))
show("", pcall(string.find, "hello", "", -1))
show("l", pcall(string.find, "hello", "l", 0))
show("h", pcall(string.find, "hello", "h", -5))
show("", pcall(string.find, "hello", "", 1))
show("", pcall(string.find, "", "", 1))
show("", pcall(string.find, "", "", 2))
show("c", pcall(string.find, "abc", "c", 3.7))
