local inputs = {"0", "-0", "+1", "1.", ".1", "1e1", "1E+1", "1e-1", " 1 ", "\t2\n", "0x1A", "0X1a", "-0x10",
  "1e", "e1", "0x", "x10", "1 2", "--1", "+-1", "1e+", "inf", "-inf", "nan", "1e400", "-1e400", "0.1e-400",
  "  ", "", "12abc", "0b1", "1_0", "١", "0x7fffffff", "0x100000000", "00012", "1.5e3", ".5e-2", "5.e2"}
for _, s in ipairs(inputs) do
  local n = tonumber(s)
  print(string.format("%-14q", s), n == nil and "nil" or string.format("%.14g", n))
end
local based = {{"10", 2}, {"10", 8}, {"10", 16}, {"10", 36}, {"z", 36}, {"Z", 36}, {"g", 16}, {" ff ", 16}, {"7", 7}, {"6", 7}, {"", 10}, {"1.0", 10}, {"-", 16}}
for _, p in ipairs(based) do
  local n = tonumber(p[1], p[2])
  print(string.format("%-8q", p[1]), p[2], n == nil and "nil" or string.format("%.14g", n))
end
