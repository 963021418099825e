-- string.format('%.Ng') for a range of precisions, also with width 15 and '#'
local values = {0.1, 1/3, 2/3, 123456789, 1e-5, 12345.6789, 1e21, 5e-324, 1.5, 100}
for _, v in ipairs(values) do
  print("value", (tostring(v):gsub("%z", "\\0")))
  for p = 0, 17 do
    local a = string.format("%." .. p .. "g", v)
    local b = string.format("%15." .. p .. "g", v)
    local c = string.format("%#-15." .. p .. "g", v)
    print(p, "[" .. a .. "]", "[" .. b .. "]", "[" .. c .. "]")
  end
end
