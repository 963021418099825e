for level = 0, 6 do
  local eq = string.rep("=", level)
  local src = "return [" .. eq .. "[level " .. level .. " ]] ]=] ]" .. eq .. "]"
  local f, err = loadstring(src)
  if f then print(level, f()) else print(level, err) end
end
for level = 0, 4 do
  local eq = string.rep("=", level)
  local src = "--[" .. eq .. "[ comment ]] ]=]\n]" .. eq .. "] return 'after comment " .. level .. "'"
  local f, err = loadstring(src)
  if f then print(level, f()) else print(level, err) end
end
print(loadstring("return [=[ a ]==] b ]=]")())
print(loadstring("return [==[]=]]==]")())
print(loadstring("return [[]]")() == "")
print(#loadstring("return [[\n\n]]")())
print(loadstring("return [=[\r\nx]=]")())
print(loadstring("x = [=[ unterminated ]]"))
print(loadstring("x = [=== [ ]===]"))
