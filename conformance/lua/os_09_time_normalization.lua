-- differences of os.time() for tables are independent of the time zone in January
local function T(t) t.year = t.year or 2021 t.month = t.month or 1 t.day = t.day or 10 t.hour = t.hour or 12 return os.time(t) end
local base = T({})
print(T({min = 1}) - base, T({sec = 3600}) - base, T({hour = 36}) - base)
print(T({day = 0}) - base, T({day = -1}) - base, T({min = -60}) - base)
print(T({month = 1, day = 31}) - base, T({day = 20, hour = 0}) - base)
local d = os.date("*t", T({day = 41}))
print(d.year, d.month, d.day, d.hour)
d = os.date("*t", T({month = 1, day = 10, hour = 12, min = 59, sec = 61}))
print(d.hour, d.min, d.sec)
print(os.difftime(T({day = 11}), base))
