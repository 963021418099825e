for _, v in ipairs({1, 0.5, 3, 1000, 1e-10, 123.456, -7, 2^60, 2^-1000}) do
  local m, e = math.frexp(v)
  print(string.format("%.14g", v), m, e, math.ldexp(m, e) == v)
end
print(math.frexp(0))
print(math.ldexp(1, -1074), math.ldexp(1, -1075), math.ldexp(0.5, 1025))
print(math.frexp(1/0), math.frexp(-1/0))
print(math.frexp(-0.5), math.frexp(2^-1074))
print(math.ldexp(math.frexp(12345.678)))
print(math.ldexp(0.5, 1), math.ldexp(-0.5, -1), math.frexp(0.75))
