for _, t in ipairs({0, 951782400, 1234567890, 1700000000, 2000000000}) do
  local d = os.date("!*t", t)
  local s = string.format("%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, d.hour, d.min, d.sec)
  print(t, s, s == os.date("!%Y-%m-%dT%H:%M:%S", t))
end
