-- set ranges with escapes, dashes at the ends and reversed ranges
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"a-z0-9\" \"[a-]\" \"_\"", pcall(string.gsub, "a-z0-9", "[a-]", "_"))
show("\"a-z0-9\" \"[-a]\" \"_\"", pcall(string.gsub, "a-z0-9", "[-a]", "_"))
show("\"a-z0-9\" \"[%a-]\" \"_\"", pcall(string.gsub, "a-z0-9", "[%a-]", "_"))
show("\"a-z0-9\" \"[0-9-]\" \"_\"", pcall(string.gsub, "a-z0-9", "[0-9-]", "_"))
show("\"abc\" \"[c-a]\" \"_\"", pcall(string.gsub, "abc", "[c-a]", "_"))
show("\"%a\" \"[%%]\" \"_\"", pcall(string.gsub, "%a", "[%%]", "_"))
show("\"a]b\" \"[%]]\" \"_\"", pcall(string.gsub, "a]b", "[%]]", "_"))
show("\"a^b\" \"[b^]\" \"_\"", pcall(string.gsub, "a^b", "[b^]", "_"))
show("\"ABCxyz\" \"[A-Cx-z]\" \"_\"", pcall(string.gsub, "ABCxyz", "[A-Cx-z]", "_"))
show("\"tab\\9here\" \"[\\9]\" \"_\"", pcall(string.gsub, "tab\9here", "[\9]", "_"))
show("\"a.b\" \"[%.%a]\" \"_\"", pcall(string.gsub, "a.b", "[%.%a]", "_"))
show("\"\\0a\" \"[%z]\" \"_\"", pcall(string.gsub, "\0a", "[%z]", "_"))
