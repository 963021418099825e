local function split(s, sep)
  local out = {}
  for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end
local function show(t) return #t .. ":[" .. table.concat(t, "|") .. "]" end
print(show(split("a,b,c", ",")))
print(show(split("a,,c,", ",")))
print(show(split("", ",")))
print(show(split("one", ",")))
print(show(split("a.b.c", ".")))
print(show(split("x--y--z", "--")))
local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end
for _, s in ipairs({"  both  ", "left  ", "  right", "none", "", "   ", "\t\nmixed\r\n "}) do
  print("[" .. trim(s) .. "]")
end
local function join(t, sep) return table.concat(t, sep) end
print(join({"a", "b", "c"}, ", "), join({}, ","), join({1, 2}, ""))
local words = {}
for w in ("  many   spaces here  "):gmatch("%S+") do words[#words + 1] = w end
print(show(words))
