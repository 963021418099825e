-- string.format('%.Nd') for a range of precisions, also with width 15 and '#'
local values = {0, 1, -1, 12345, -12345, 2^31, 2^40}
for _, v in ipairs(values) do
  print("value", (tostring(v):gsub("%z", "\\0")))
  for p = 0, 13 do
    local a = string.format("%." .. p .. "d", v)
    local b = string.format("%15." .. p .. "d", v)
    local c = string.format("%#-15." .. p .. "d", v)
    print(p, "[" .. a .. "]", "[" .. b .. "]", "[" .. c .. "]")
  end
end
