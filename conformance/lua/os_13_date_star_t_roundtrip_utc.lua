for _, t in ipairs({0, 951782400, 1234567890, 1700000000, 2000000000}) do
  local d = os.date("!*t", t)
  local s = string.format("%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, d.hour, d.min, d.sec)
  print(t, s, s == os.date("!%Y-%m-%dT%H:%M:%S", t))
end
local d = os.date("!*t", 86400 * 59)
print(d.month, d.day, d.yday, d.wday)
d = os.date("!*t", 86400 * (365 + 365 + 59))
print(d.year, d.month, d.day, d.yday)
d = os.date("!*t", 86400 * (365 + 365 + 366 + 59))
print(d.year, d.month, d.day, d.yday)
