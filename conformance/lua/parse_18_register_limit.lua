-- too many registers / constants in one expression
local function try(label, src)
  local f, err = loadstring(src)
  if f then print(label, "ok") else print(label, err) end
end
local function list(n, fmt)
  local t = {}
  for i = 1, n do t[i] = fmt:format(i) end
  return table.concat(t, ", ")
end
try("call-200-args", "return f(" .. list(200, "%d") .. ")")
try("call-260-args", "return f(" .. list(260, "%d") .. ")")
try("call-260-locals", "local a = 1 return f(" .. list(260, "a") .. ")")
try("return-260", "return " .. list(260, "%d"))
try("ctor-260", "return {" .. list(260, "%d") .. "}")
try("ctor-fields-300", "return {" .. list(300, "k%d = 1") .. "}")
try("nested-calls", "return " .. string.rep("f(", 100) .. "1" .. string.rep(")", 100))
try("concat-260", "return " .. list(260, "'s%d'"):gsub(", ", " .. "))
try("locals-and-call", "local " .. list(190, "v%d") .. " return f(" .. list(70, "%d") .. ")")
