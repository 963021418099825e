-- gsub with position captures and back-references
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"hello\" \"()l\" \"%1\"", pcall(string.gsub, "hello", "()l", "%1"))
show("\"aabbcc\" \"(%a)%1\" \"%1\"", pcall(string.gsub, "aabbcc", "(%a)%1", "%1"))
show("\"abab\" \"(ab)%1\" \"<%1>\"", pcall(string.gsub, "abab", "(ab)%1", "<%1>"))
show("\"xyyx\" \"(x)(y)%2%1\" \"[%0]\"", pcall(string.gsub, "xyyx", "(x)(y)%2%1", "[%0]"))
show("\"a  b   c\" \"( +)\" \"[%1]\"", pcall(string.gsub, "a  b   c", "( +)", "[%1]"))
show("\"aXa bYb cZd\" \"(%a)%u%1\" \"*\"", pcall(string.gsub, "aXa bYb cZd", "(%a)%u%1", "*"))
show("\"'a' \\\"b\\\" 'c\\\"\" \"(['\\\"])(.-)%1\" \"%2\"", pcall(string.gsub, "'a' \"b\" 'c\"", "(['\"])(.-)%1", "%2"))
show("\"abc\" \"()(%a)()\" \"%1%2%3\"", pcall(string.gsub, "abc", "()(%a)()", "%1%2%3"))
