-- gsub with frontier patterns
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"the cat sat on the mat\" \"%f[%a]%a\" string.upper", pcall(string.gsub, "the cat sat on the mat", "%f[%a]%a", string.upper))
show("\"THE (quick) fox\" \"%f[%a]%a+\" \"W\"", pcall(string.gsub, "THE (quick) fox", "%f[%a]%a+", "W"))
show("\"hello world\" \"%f[%w]\" \"|\"", pcall(string.gsub, "hello world", "%f[%w]", "|"))
show("\"hello world\" \"%f[%W]\" \"|\"", pcall(string.gsub, "hello world", "%f[%W]", "|"))
show("\"a1b2c3\" \"%f[%d]\" \"#\"", pcall(string.gsub, "a1b2c3", "%f[%d]", "#"))
show("\"snake_case_name\" \"%f[%a]%a\" string.upper", pcall(string.gsub, "snake_case_name", "%f[%a]%a", string.upper))
show("\"x\" \"%f[%a]\" \"^\"", pcall(string.gsub, "x", "%f[%a]", "^"))
show("\"\" \"%f[%a]\" \"^\"", pcall(string.gsub, "", "%f[%a]", "^"))
