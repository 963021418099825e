local kws = {"and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while"}
for _, k in ipairs(kws) do
  local f, err = loadstring(k .. " = 1")
  print(k, f and "assignable" or err)
end
local t = {}
for _, k in ipairs(kws) do t[k] = #k end
print(t["and"], t["while"], t["function"])
print(loadstring("return {and = 1}"))
print(loadstring("return {['and'] = 1}")()["and"])
