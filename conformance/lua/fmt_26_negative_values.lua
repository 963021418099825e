local vals = {-1, -0.5, -123.456, -1e-5, -1e15, -2^31}
local fmts = {"%d", "%5d", "%-8d|", "%+d", "% d", "%08d", "%.3f", "%10.2f", "%-10.1e|", "%+.2e", "%g", "%012.4g", "%x", "%X", "%o"}
for _, v in ipairs(vals) do
  local out = {}
  for _, f in ipairs(fmts) do
    local ok, r = pcall(string.format, f, v)
    out[#out + 1] = ok and r or "ERR"
  end
  print(tostring(v), table.concat(out, " "))
end
