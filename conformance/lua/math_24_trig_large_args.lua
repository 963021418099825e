local function f(v) return string.format("%.10f", v) end
for _, x in ipairs({1e6, 1e10, -1e6, 12345.678, 2^30}) do
  print(x, f(math.sin(x)), f(math.cos(x)), f(math.tan(x) / 1e3))
end
print(f(math.atan(1e300)), f(math.atan(-1e300)), f(math.exp(-1e3)), f(math.log(1e300)))
print(f(math.sin(0)), f(math.cos(0)), f(math.sin(1e-10)), f(math.cos(1e-10)))
print(f(math.asin(0.5)), f(math.acos(0.5)), f(math.atan(0.5)))
print(f(math.sinh(1)), f(math.cosh(1)), f(math.tanh(1)))
print(f(math.tan(1)), f(math.tan(-1)), f(math.atan(-1)))
print(f(math.asin(-1)), f(math.acos(1)), f(math.acos(0)))
