-- gsub with sets and negated sets
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("[aeiou] -> ", pcall(string.gsub, "hello world", "[aeiou]", ""))
show("[^aeiou ] -> .", pcall(string.gsub, "hello world", "[^aeiou ]", "."))
show("[%-_%.] ->  ", pcall(string.gsub, "a-b_c.d", "[%-_%.]", " "))
show("[]] -> !", pcall(string.gsub, "x]y", "[]]", "!"))
show("[%^] -> !", pcall(string.gsub, "x^y", "[%^]", "!"))
show("[%a%d] -> *", pcall(string.gsub, "abc123", "[%a%d]", "*"))
show("[A-C] -> -", pcall(string.gsub, "ABCabc", "[A-C]", "-"))
show("[2-5] -> x", pcall(string.gsub, "0123456789", "[2-5]", "x"))
show("[,; ] -> |", pcall(string.gsub, "a,b;c d", "[,; ]", "|"))
show("[%[%]] -> ", pcall(string.gsub, "[brackets]", "[%[%]]", ""))
show("[\9\n] ->  ", pcall(string.gsub, "tabs\9and\nnewlines", "[\9\n]", " "))
show("[^%l] -> ", pcall(string.gsub, "mixed123CASE", "[^%l]", ""))
