local function r(v) return string.format("%.10f", v) end
for _, d in ipairs({0, 30, 45, 60, 90, 180, 270, 360, -45}) do
  local rad = math.rad(d)
  print(d, r(rad), r(math.deg(rad)), r(math.sin(rad)), r(math.cos(rad)))
end
print(r(math.sin(math.pi / 6) ^ 2 + math.cos(math.pi / 6) ^ 2))
print(r(math.tan(math.pi / 4)), r(math.atan(1) * 4), r(math.asin(1) * 2), r(math.acos(-1)))
print(r(math.deg(1)), r(math.rad(1)), r(math.deg(-math.pi / 2)))
print(r(math.sin(-math.pi)), r(math.cos(-math.pi)), r(math.tan(0)))
print(r(math.atan2(1, 1) * 4), r(math.rad(180) - math.pi))
