local args = {}
local fmt = {}
for i = 1, 40 do args[i] = i fmt[i] = "%d" end
print(string.format(table.concat(fmt, ","), unpack(args)))
print(string.format("%s|%d|%5.2f|%x|%q|%%|%c|%e|%g|%o|%X|%i|%u|%E|%G", "s", 1, 2.5, 255, "q", 65, 1000, 0.0001, 8, 255, -7, 42, 12345.678, 1e-10))
print(string.format("%s %s %s %s %s", tostring(nil == nil), 1, "x", 2.5, -0))
print(pcall(string.format, "%s %s %s", 1, 2))
print(string.format("%s", "only one used", "ignored", "ignored"))
print(string.format("%5s%5s%5s", "a", "bb", "ccc"))
print(string.format("%d-%d-%d", 2024, 1, 15), string.format("%02d:%02d", 5, 7))
