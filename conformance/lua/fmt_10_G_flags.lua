-- string.format('%G') with every flag, width and precision
local values = {0, 1e-5, 2.5e15, -0.000123, 1e100}
local flags = {"", "-", "+", " ", "#", "0", "-0", "+0", " -", "#0"}
local widths = {"", "1", "6", "12"}
local precs = {"", ".0", ".1", ".3", ".10"}
for _, v in ipairs(values) do
  local line = {}
  for _, fl in ipairs(flags) do
    for _, wd in ipairs(widths) do
      for _, pr in ipairs(precs) do
        local f = "%" .. fl .. wd .. pr .. "G"
        local ok, r = pcall(string.format, f, v)
        line[#line + 1] = f .. "=[" .. (ok and r or ("ERR " .. r)) .. "]"
      end
    end
  end
  print(tostring(v))
  for i = 1, #line, 5 do print("  " .. table.concat(line, " ", i, math.min(i + 4, #line))) end
end
