local h = math.huge
print(h + 1, h - h ~= h - h, h * 0 ~= h * 0, h / h ~= h / h)
print(-h < -1e308, h > 1e308, h == h, -h == -h)
print(math.floor(h), math.ceil(-h), math.abs(-h), math.max(h, 1), math.min(-h, 1))
print(math.fmod(1, h), math.fmod(h, 1) ~= math.fmod(h, 1))
print(string.format("%f %e %g", h, -h, h))
print(tostring(h), tostring(-h), h .. "")
print(tonumber("inf"), tonumber("-inf"), tonumber("1e999"))
print(h > h - 1, h - 1 == h, -h + h ~= -h + h)
