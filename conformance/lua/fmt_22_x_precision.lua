-- string.format('%.Nx') for a range of precisions, also with width 15 and '#'
local values = {0, 1, 255, 65536, 2^31, 2^40 + 15}
for _, v in ipairs(values) do
  print("value", (tostring(v):gsub("%z", "\\0")))
  for p = 0, 13 do
    local a = string.format("%." .. p .. "x", v)
    local b = string.format("%15." .. p .. "x", v)
    local c = string.format("%#-15." .. p .. "x", v)
    print(p, "[" .. a .. "]", "[" .. b .. "]", "[" .. c .. "]")
  end
end
