local function show(t)
  local keys = {"year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst"}
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(t[k]) end
  print(table.concat(out, " "))
end
show(os.date("!*t", 0))
show(os.date("!*t", 1700000000))
show(os.date("!*t", 951825600))
show(os.date("!*t", 1234567890))
local n = 0
for k in pairs(os.date("!*t", 0)) do n = n + 1 end
print("fields", n)
print(type(os.date()), type(os.date("*t")), type(os.date("%Y")))
print(#os.date("%Y-%m-%d"), os.date("%Y") == os.date("*t").year .. "")
