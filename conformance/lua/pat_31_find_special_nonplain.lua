-- find with magic characters, plain and not
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"a.b\" \".\"", pcall(string.find, "a.b", "."))
show("\"a.b\" \".\" 1 true", pcall(string.find, "a.b", ".", 1, true))
show("\"a.b\" \"%.\"", pcall(string.find, "a.b", "%."))
show("\"a+b\" \"+\" 1 true", pcall(string.find, "a+b", "+", 1, true))
show("\"(x)\" \"(\" 1 true", pcall(string.find, "(x)", "(", 1, true))
show("\"50%\" \"%\" 1 true", pcall(string.find, "50%", "%", 1, true))
show("\"50%\" \"%%\"", pcall(string.find, "50%", "%%"))
show("\"a*b\" \"*\" 1 true", pcall(string.find, "a*b", "*", 1, true))
show("\"a*b\" \"a*\"", pcall(string.find, "a*b", "a*"))
show("\"$\" \"$\" 1 true", pcall(string.find, "$", "$", 1, true))
show("\"$\" \"$\"", pcall(string.find, "$", "$"))
show("\"^\" \"^\" 1 true", pcall(string.find, "^", "^", 1, true))
show("\"^\" \"^\"", pcall(string.find, "^", "^"))
show("\"]\" \"]\"", pcall(string.find, "]", "]"))
show("\"[\" \"[\" 1 true", pcall(string.find, "[", "[", 1, true))
show("\"?\" \"?\" 1 true", pcall(string.find, "?", "?", 1, true))
