local srcs = {"0", "00", "007", "1.", ".1", "1.e5", "1e+5", "1E-5", "0x0", "0xABCDEF", "0xabcdef", "0x7FFFFFFF", "0xFFFFFFFFFFFF", "1e400", "3.", "0.000001", "123456789012345678901234567890", "1e-400", "2e0", "9007199254740993", "0x10p1", "1_000", "1e1.5", "- 1", "0x.1", "5e", "5e+", ".5e-3", "0e0", "0x1e"}
for _, s in ipairs(srcs) do
  local f, err = loadstring("return " .. s)
  if f then
    local ok, v = pcall(f)
    print(s, ok and string.format("%.17g", v) or v)
  else
    print(s, err)
  end
end
