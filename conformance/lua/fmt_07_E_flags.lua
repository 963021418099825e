-- string.format('%E') with every flag, width and precision
local values = {0, 3.14159, -12345.678, 1e300, 6.02e23}
local flags = {"", "-", "+", " ", "#", "0", "-0", "+0", " -", "#0"}
local widths = {"", "1", "6", "12"}
local precs = {"", ".0", ".1", ".3", ".10"}
for _, v in ipairs(values) do
  local line = {}
  for _, fl in ipairs(flags) do
    for _, wd in ipairs(widths) do
      for _, pr in ipairs(precs) do
        local f = "%" .. fl .. wd .. pr .. "E"
        local ok, r = pcall(string.format, f, v)
        line[#line + 1] = f .. "=[" .. (ok and r or ("ERR " .. r)) .. "]"
      end
    end
  end
  print(tostring(v))
  for i = 1, #line, 5 do print("  " .. table.concat(line, " ", i, math.min(i + 4, #line))) end
end
