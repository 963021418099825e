-- find with init and plain together
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"a.a.a\" \".\" 2 true", pcall(string.find, "a.a.a", ".", 2, true))
show("\"a.a.a\" \".\" 3 true", pcall(string.find, "a.a.a", ".", 3, true))
show("\"a.a.a\" \".\" -1 true", pcall(string.find, "a.a.a", ".", -1, true))
show("\"a.a.a\" \".\" -2 true", pcall(string.find, "a.a.a", ".", -2, true))
show("\"a.a.a\" \"a.\" 2 true", pcall(string.find, "a.a.a", "a.", 2, true))
show("\"a.a.a\" \"\" 3 true", pcall(string.find, "a.a.a", "", 3, true))
show("\"a.a.a\" \"\" 6 true", pcall(string.find, "a.a.a", "", 6, true))
show("\"a.a.a\" \"\" 7 true", pcall(string.find, "a.a.a", "", 7, true))
show("\"a.a.a\" \"a.a\" 3 true", pcall(string.find, "a.a.a", "a.a", 3, true))
show("\"\" \"\" 1 true", pcall(string.find, "", "", 1, true))
