local esc = {"\\a", "\\b", "\\f", "\\n", "\\r", "\\t", "\\v", "\\\\", "\\\"", "\\'", "\\0", "\\00", "\\000", "\\1", "\\12", "\\123", "\\1234", "\\255", "\\z", "\\x", "\\8", "\\9"}
for _, e in ipairs(esc) do
  local f, err = loadstring("return \"" .. e .. "\"")
  if f then
    local s = f()
    local bytes = {}
    for i = 1, #s do bytes[#bytes + 1] = s:byte(i) end
    print(e, #s, table.concat(bytes, ","))
  else
    print(e, err)
  end
end
