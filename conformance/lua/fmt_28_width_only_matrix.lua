local specs = {"d", "i", "u", "x", "X", "o", "e", "E", "f", "g", "G", "s", "q", "c"}
for _, sp in ipairs(specs) do
  local v = (sp == "s" or sp == "q") and "str" or (sp == "c" and 90 or 42.5)
  if sp == "d" or sp == "i" or sp == "u" or sp == "x" or sp == "X" or sp == "o" then v = 42 end
  local out = {}
  for _, w in ipairs({"", "1", "5", "-5", "05", "20"}) do
    local ok, r = pcall(string.format, "%" .. w .. sp, v)
    out[#out + 1] = "[" .. (ok and r or "ERR") .. "]"
  end
  print(sp, table.concat(out, " "))
end
