-- patterns over long generated subjects
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("string.rep('a', 1000) .. 'b' \"a*b\"", pcall(string.find, string.rep('a', 1000) .. 'b', "a*b"))
show("string.rep('a', 1000) .. 'b' \"a-b\"", pcall(string.find, string.rep('a', 1000) .. 'b', "a-b"))
show("string.rep('ab', 500) \"(ab)+$\"", pcall(string.find, string.rep('ab', 500), "(ab)+$"))
show("string.rep('x', 5000) \"y\"", pcall(string.find, string.rep('x', 5000), "y"))
show("string.rep('x', 5000) .. 'y' \"x*y\"", pcall(string.find, string.rep('x', 5000) .. 'y', "x*y"))
show("string.rep('(', 100) .. string.rep(')', 100) \"%b()\"", pcall(string.find, string.rep('(', 100) .. string.rep(')', 100), "%b()"))
show("string.rep('a', 300) \"^a+$\"", pcall(string.find, string.rep('a', 300), "^a+$"))
show("string.rep('abc', 300) \"cab\" 800", pcall(string.find, string.rep('abc', 300), "cab", 800))
show("string.rep('abc', 300) \"[^abc]\"", pcall(string.find, string.rep('abc', 300), "[^abc]"))
show("string.rep(' ', 100) .. 'x' \"%S\"", pcall(string.find, string.rep(' ', 100) .. 'x', "%S"))
