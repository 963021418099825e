-- string.format('%.Nf') for a range of precisions, also with width 15 and '#'
local values = {0.1, 1/3, 2.5, 0.125, 1e10, 1e-10, 123.456, 0.05, 0.15, 0.25, 0.35}
for _, v in ipairs(values) do
  print("value", (tostring(v):gsub("%z", "\\0")))
  for p = 0, 20 do
    local a = string.format("%." .. p .. "f", v)
    local b = string.format("%15." .. p .. "f", v)
    local c = string.format("%#-15." .. p .. "f", v)
    print(p, "[" .. a .. "]", "[" .. b .. "]", "[" .. c .. "]")
  end
end
