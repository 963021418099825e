local function f(v) return string.format("%.10f", v) end
for _, x in ipairs({1e6, 1e10, -1e6, 12345.678, 2^30}) do
  print(x, f(math.sin(x)), f(math.cos(x)), f(math.tan(x) / 1e3))
end
print(f(math.atan(1e300)), f(math.atan(-1e300)), f(math.exp(-1e3)), f(math.log(1e300)))
