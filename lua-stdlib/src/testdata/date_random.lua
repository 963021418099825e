-- Records lua5.1's os.date("!...") for random times (os.rs's tests):
--   lua5.1 date_random.lua > date_random.txt
-- Each line: time <TAB> date text.
local seed = 99
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end
local format = "!%Y-%m-%d %H:%M:%S %a %b %j %U %W %V %G %g %u %w %C %y %e %I %p %s"
for _ = 1, 1000 do
  -- Times from about 1200 BC to AD 5000, with many around leap days and year ends.
  local t = (rnd(65536) * 65536 + rnd(65536)) * 48 - 100000000000
  if rnd(4) == 0 then t = os.time({ year = 1900 + rnd(300), month = 12, day = 28 + rnd(8), hour = rnd(24) }) end
  print(string.format("%.0f", t) .. "\t" .. os.date(format, t))
end
