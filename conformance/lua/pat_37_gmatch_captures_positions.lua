-- gmatch returning several captures and positions
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"a=1 b=2\" \"(%w)=(%w)\"", pcall(function(s, p) local r = {} for a, b, c in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) .. '/' .. tostring(c) end return table.concat(r, ' ') end, "a=1 b=2", "(%w)=(%w)"))
show("\"a=1 b=2\" \"()(%w)=()\"", pcall(function(s, p) local r = {} for a, b, c in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) .. '/' .. tostring(c) end return table.concat(r, ' ') end, "a=1 b=2", "()(%w)=()"))
show("\"xyz\" \"()(.)()\"", pcall(function(s, p) local r = {} for a, b, c in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) .. '/' .. tostring(c) end return table.concat(r, ' ') end, "xyz", "()(.)()"))
show("\"k1:v1,k2:v2\" \"(%w+):(%w+)\"", pcall(function(s, p) local r = {} for a, b, c in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) .. '/' .. tostring(c) end return table.concat(r, ' ') end, "k1:v1,k2:v2", "(%w+):(%w+)"))
show("\"aaa\" \"(a)(a?)\"", pcall(function(s, p) local r = {} for a, b, c in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) .. '/' .. tostring(c) end return table.concat(r, ' ') end, "aaa", "(a)(a?)"))
show("\"\" \"()\"", pcall(function(s, p) local r = {} for a, b, c in string.gmatch(s, p) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) .. '/' .. tostring(c) end return table.concat(r, ' ') end, "", "()"))
