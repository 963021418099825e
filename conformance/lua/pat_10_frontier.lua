-- %f frontier patterns
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", table.concat(out, " | "))
end
show("%f[%a]%a+", pcall(string.find, "THE (quick) fox", "%f[%a]%a+"))
show("%f[%l]%a+", pcall(string.find, "THE (quick) fox", "%f[%l]%a+"))
show("%f[%w]%w+", pcall(string.find, "hello world", "%f[%w]%w+"))
show("%w+%f[%W]", pcall(string.find, "hello world", "%w+%f[%W]"))
show("%f[b]", pcall(string.find, "aaa bbb", "%f[b]"))
show("%f[%a]", pcall(string.find, "123abc", "%f[%a]"))
show("%f[%z]", pcall(string.find, "abc", "%f[%z]"))
show("%f[a]", pcall(string.find, "abc", "%f[a]"))
show("%f[^%z]", pcall(string.find, "xyz", "%f[^%z]"))
show("%f[%l].", pcall(string.find, "abc", "%f[%l]."))
show("%f", pcall(string.find, "abc", "%f"))
show("%f[a", pcall(string.find, "abc", "%f[a"))
