-- gmatch: '^' is literal in 5.1 gmatch, empty matches advance
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("\"^a^a\" \"^a\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "^a^a", "^a"))
show("\"aaa\" \"^a\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "aaa", "^a"))
show("\"abc\" \"\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "abc", ""))
show("\"abc\" \"x*\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "abc", "x*"))
show("\"a1b2\" \"%d*\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "a1b2", "%d*"))
show("\"hello\" \"()l\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "hello", "()l"))
show("\"a,b,c\" \"[^,]*\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "a,b,c", "[^,]*"))
show("\"\" \".*\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "", ".*"))
show("\"\" \"\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "", ""))
show("\"ab\" \".-\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "ab", ".-"))
show("\"one  two\" \"%a*\"", pcall(function(s, p) local r = {} for a in string.gmatch(s, p) do r[#r + 1] = a end return #r, table.concat(r, ',') end, "one  two", "%a*"))
