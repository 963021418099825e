-- replacement strings with %, \0 and newlines
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"abc\" \"b\" \"%%\"", pcall(string.gsub, "abc", "b", "%%"))
show("\"abc\" \"b\" \"%%%%\"", pcall(string.gsub, "abc", "b", "%%%%"))
show("\"abc\" \"b\" \"\\0\"", pcall(string.gsub, "abc", "b", "\0"))
show("\"abc\" \"b\" \"\\n\"", pcall(string.gsub, "abc", "b", "\n"))
show("\"abc\" \"b\" \"%0%0%%\"", pcall(string.gsub, "abc", "b", "%0%0%%"))
show("\"abc\" \"(b)\" \"%1%%1\"", pcall(string.gsub, "abc", "(b)", "%1%%1"))
show("\"abc\" \"b\" \"\"", pcall(string.gsub, "abc", "b", ""))
show("\"abc\" \"\" \"%0\"", pcall(string.gsub, "abc", "", "%0"))
show("\"a b\" \" \" \"%%20\"", pcall(string.gsub, "a b", " ", "%%20"))
