-- string.gmatch over many patterns
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
local function gm(s, p)
  local out = {}
  for a, b, c in string.gmatch(s, p) do
    out[#out + 1] = tostring(a) .. (b and ("," .. tostring(b)) or "") .. (c and ("," .. tostring(c)) or "")
    if #out > 50 then break end
  end
  print(p, #out, table.concat(out, " "))
end
gm("one two three", "%a+")
gm("k1=v1;k2=v2", "(%w+)=(%w+)")
gm("abc", ".")
gm("abc", ".?")
gm("", ".*")
gm("abc", "()")
gm("a1b2c3", "(%a)(%d)()")
gm("  x  y  ", "%S+")
gm("a,b,,c", "([^,]*)")
gm("hello", "l*")
gm("aXbXc", "[^X]+")
gm("1.5 -2 3e4 .5", "[%d%.%-e]+")
gm("((a)(b))", "%b()")
gm("THE quick BROWN", "%f[%a]%a+")
gm("x=1, y=22, z=333", "%a=(%d+)")
gm("line1\nline2\nline3", "[^\n]+")
