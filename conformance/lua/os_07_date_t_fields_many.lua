for _, t in ipairs({0, 59, 3599, 86399, 31535999, 31536000, 68256000, 951868800, 1583020800, 4102444799}) do
  local d = os.date("!*t", t)
  print(t, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday, tostring(d.isdst))
end
local d = os.date("!*t", 1e9)
print(d.year, d.month, d.day, d.hour, d.min, d.sec)
local keys = {}
for k in pairs(d) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
