local function f(v) return string.format("%.14g", v) end
print(f(math.sqrt(-1)), f(math.sqrt(0)), f(math.sqrt(1/0)), f(math.sqrt(2)))
print(f(math.log(0)), f(math.log(-1)), f(math.log(1)), f(math.log(math.exp(1))))
print(f(math.log10(0)), f(math.log10(1000)), f(math.log10(0.001)), f(math.log10(-10)))
print(f(math.exp(0)), f(math.exp(1)), f(math.exp(-1/0)), f(math.exp(1000)))
print(f(math.pow(0, 0)), f(math.pow(2, 0.5)), f(math.pow(-8, 1/3)), f(math.pow(-2, 3)))
print(f(math.pow(0, -1)), f(math.pow(-0.0, -1)), f(math.pow(1, 1/0)), f(math.pow(2, -1/0)))
print(f(math.atan2(0, 0)), f(math.atan2(1, 0)), f(math.atan2(-1, 0)), f(math.atan2(0, -1)))
print(f(math.atan2(1, 1)), f(math.atan2(-1, -1)), f(math.atan2(1, -1)), f(math.atan2(-1, 1)))
