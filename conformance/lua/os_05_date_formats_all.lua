local times = {0, 946684799, 946684800, 1078012800, 1700000000, 2147483647}
local fmts = {"%a", "%A", "%b", "%B", "%c", "%d", "%H", "%I", "%j", "%m", "%M", "%p", "%S", "%U", "%w", "%W", "%x", "%X", "%y", "%Y", "%%"}
for _, t in ipairs(times) do
  local out = {}
  for _, f in ipairs(fmts) do out[#out + 1] = os.date("!" .. f, t) end
  print(t, table.concat(out, "|"))
end
print(os.date("!%Y%m%d%H%M%S", 1e9), os.date("!%j %U %W", 1e9))
print(os.date("!%a %b %e", 1e9) == nil)
print(os.date("!%Y-%j", 0), os.date("!%Y-%j", 86400 * 365 - 1))
