-- os.time(os.date("*t", x)) == x in any time zone
for _, x in ipairs({0, 86400 * 365, 1000000000, 1234567890, 1700000000}) do
  print(x, os.time(os.date("*t", x)) == x)
end
local t = os.date("*t", 1000000000)
t.sec = t.sec + 60
print(os.time(t) - 1000000000)
local now = os.time()
print(os.time(os.date("*t", now)) == now)
print(type(os.time({year = 2000, month = 1, day = 1, isdst = false})))
