-- anchored matches over classes
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"123\" \"^%d+$\"", pcall(string.match, "123", "^%d+$"))
show("\"12a\" \"^%d+$\"", pcall(string.match, "12a", "^%d+$"))
show("\"  \" \"^%s+$\"", pcall(string.match, "  ", "^%s+$"))
show("\"\" \"^%s*$\"", pcall(string.match, "", "^%s*$"))
show("\"abc\" \"^%l+$\"", pcall(string.match, "abc", "^%l+$"))
show("\"Abc\" \"^%u%l+$\"", pcall(string.match, "Abc", "^%u%l+$"))
show("\"a_b\" \"^[%w_]+$\"", pcall(string.match, "a_b", "^[%w_]+$"))
show("\"x.y\" \"^[%w_]+$\"", pcall(string.match, "x.y", "^[%w_]+$"))
show("\"3.14\" \"^%-?%d+%.?%d*$\"", pcall(string.match, "3.14", "^%-?%d+%.?%d*$"))
show("\"-3\" \"^%-?%d+%.?%d*$\"", pcall(string.match, "-3", "^%-?%d+%.?%d*$"))
show("\"3.\" \"^%-?%d+%.?%d*$\"", pcall(string.match, "3.", "^%-?%d+%.?%d*$"))
show("\".5\" \"^%-?%d+%.?%d*$\"", pcall(string.match, ".5", "^%-?%d+%.?%d*$"))
show("\"0xFF\" \"^0[xX]%x+$\"", pcall(string.match, "0xFF", "^0[xX]%x+$"))
show("\"user@example.com\" \"^[%w%.]+@[%w%.]+%.%a+$\"", pcall(string.match, "user@example.com", "^[%w%.]+@[%w%.]+%.%a+$"))
