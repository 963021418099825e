-- %b and %f combined with captures
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"call(a, f(b), c) rest\" \"(%w+)(%b())\"", pcall(string.match, "call(a, f(b), c) rest", "(%w+)(%b())"))
show("\"{a}{b}{c}\" \"(%b{})(%b{})\"", pcall(string.match, "{a}{b}{c}", "(%b{})(%b{})"))
show("\"THE END is near\" \"%f[%a](%u+)%f[%A]\"", pcall(string.match, "THE END is near", "%f[%a](%u+)%f[%A]"))
show("\"snake_case_word\" \"%f[%w](%w+)\"", pcall(string.match, "snake_case_word", "%f[%w](%w+)"))
show("\"x=(1+(2*3))\" \"=(%b())\"", pcall(string.match, "x=(1+(2*3))", "=(%b())"))
show("\"begin a end begin b end\" \"%bbd\"", pcall(string.match, "begin a end begin b end", "%bbd"))
show("\"<a><b></b></a>\" \"(%b<>)\"", pcall(string.match, "<a><b></b></a>", "(%b<>)"))
show("\"word1 word2\" \"%f[%d](%d)\"", pcall(string.match, "word1 word2", "%f[%d](%d)"))
