-- Records lua5.1's os.time for random, often out-of-range, date fields:
--   TZ=UTC lua5.1 time_random.lua > time_random.txt
-- Each line: year month day hour min sec isdst <TAB> result ("nil" when none).
local seed = 4242
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end
local dst = { [0] = "nil", "true", "false" }
for _ = 1, 1000 do
  local f = { year = 1800 + rnd(400), month = rnd(30) - 8, day = rnd(80) - 20, hour = rnd(60) - 10,
    min = rnd(200) - 50, sec = rnd(10000) - 2000 }
  local d = dst[rnd(3)]
  if d ~= "nil" then f.isdst = (d == "true") end
  print(string.format("%d %d %d %d %d %d %s\t%s", f.year, f.month, f.day, f.hour, f.min, f.sec, d,
    tostring(os.time(f))))
end
