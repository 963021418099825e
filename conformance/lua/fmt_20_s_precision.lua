-- string.format('%.Ns') for a range of precisions, also with width 15 and '#'
local values = {"", "a", "hello", "hello world", "\0nul", "long string of forty characters exactly!"}
for _, v in ipairs(values) do
  print("value", (tostring(v):gsub("%z", "\\0")))
  for p = 0, 11 do
    local a = string.format("%." .. p .. "s", v)
    local b = string.format("%15." .. p .. "s", v)
    local c = string.format("%#-15." .. p .. "s", v)
    print(p, "[" .. a .. "]", "[" .. b .. "]", "[" .. c .. "]")
  end
end
