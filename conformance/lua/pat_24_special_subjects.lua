-- patterns over empty, NUL and 8-bit subjects
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"\" \"\"", pcall(string.find, "", ""))
show("\"\" \"^\"", pcall(string.find, "", "^"))
show("\"\" \"$\"", pcall(string.find, "", "$"))
show("\"\" \".?\"", pcall(string.find, "", ".?"))
show("\"\\0\" \"%z\"", pcall(string.find, "\0", "%z"))
show("\"\\0\\0\" \"%z+\"", pcall(string.find, "\0\0", "%z+"))
show("\"a\\0b\" \"[%z]\"", pcall(string.find, "a\0b", "[%z]"))
show("\"a\\0b\" \"[^%z]+\"", pcall(string.find, "a\0b", "[^%z]+"))
show("\"\\128\\129\" \"[\\128-\\138]+\"", pcall(string.find, "\128\129", "[\128-\138]+"))
show("\"\\255\" \"%a\"", pcall(string.find, "\255", "%a"))
show("\"\\255\" \"[\\255]\"", pcall(string.find, "\255", "[\255]"))
show("\"caf\\195\\169\" \"[\\128-\\255]+\"", pcall(string.find, "caf\195\169", "[\128-\255]+"))
show("\"x\\0y\" \"x.y\"", pcall(string.find, "x\0y", "x.y"))
show("\"x\\0y\" \"\\0\"", pcall(string.find, "x\0y", "\0"))
