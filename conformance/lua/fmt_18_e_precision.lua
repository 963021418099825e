-- string.format('%.Ne') for a range of precisions, also with width 15 and '#'
local values = {0.1, 1/3, 123456789, 1e-5, 9.9999, 5e-324, 1e308, 0.5}
for _, v in ipairs(values) do
  print("value", (tostring(v):gsub("%z", "\\0")))
  for p = 0, 17 do
    local a = string.format("%." .. p .. "e", v)
    local b = string.format("%15." .. p .. "e", v)
    local c = string.format("%#-15." .. p .. "e", v)
    print(p, "[" .. a .. "]", "[" .. b .. "]", "[" .. c .. "]")
  end
end
