-- classes inside sets and negated sets
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"a1 B2_c3!\" \"[%a]\" \".\"", pcall(string.gsub, "a1 B2_c3!", "[%a]", "."))
show("\"a1 B2_c3!\" \"[%d%s]\" \".\"", pcall(string.gsub, "a1 B2_c3!", "[%d%s]", "."))
show("\"a1 B2_c3!\" \"[^%w]\" \".\"", pcall(string.gsub, "a1 B2_c3!", "[^%w]", "."))
show("\"a1 B2_c3!\" \"[%u%p]\" \".\"", pcall(string.gsub, "a1 B2_c3!", "[%u%p]", "."))
show("\"a1 B2_c3!\" \"[_%l]\" \".\"", pcall(string.gsub, "a1 B2_c3!", "[_%l]", "."))
show("\"a1 B2_c3!\" \"[%W_]\" \".\"", pcall(string.gsub, "a1 B2_c3!", "[%W_]", "."))
show("\"tab\\9nl\\n\" \"[%c]\" \".\"", pcall(string.gsub, "tab\9nl\n", "[%c]", "."))
show("\"a1 B2_c3!\" \"[a-z0-9]\" \".\"", pcall(string.gsub, "a1 B2_c3!", "[a-z0-9]", "."))
show("\"a1 B2_c3!\" \"[^a-z0-9]\" \".\"", pcall(string.gsub, "a1 B2_c3!", "[^a-z0-9]", "."))
show("\"0xFFaa\" \"[%x]\" \".\"", pcall(string.gsub, "0xFFaa", "[%x]", "."))
show("\"0xFFaa\" \"[^%x]\" \".\"", pcall(string.gsub, "0xFFaa", "[^%x]", "."))
show("\"-+-\" \"[+-]\" \".\"", pcall(string.gsub, "-+-", "[+-]", "."))
show("\"a-z\" \"[a%-z]\" \".\"", pcall(string.gsub, "a-z", "[a%-z]", "."))
