-- Records lua5.1's string.format on random format strings (same line format
-- as format.lua, errors as "error:<message>"):
--   lua5.1 format_random.lua > format_random.txt
local function esc(s)
  local out = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b > 126 or b == 92 then out[#out+1] = string.format("\\x%02x", b)
    else out[#out+1] = string.char(b) end
  end
  return table.concat(out)
end
local seed = 777
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n + 1
end
local flagchars = { "-", "+", " ", "#", "0" }
local convs = { "d", "i", "u", "c", "o", "x", "X", "e", "E", "f", "g", "G", "q", "s", "y", "%", "l", "h", "n", "a", "" }
local texts = { "", "x", "%%", "ab ", "\0", "\n" }
local values = { 0, 1, -1, 0.5, -2.5, 123.456, 1e10, -1e-10, 2^31, 2^63, 1/0, -1/0, 0/0, 65, 255, 1e300, "abc", "1e2",
  "", "0x10", "a\0b", "12" }
for _ = 1, 4000 do
  local item = { "%" }
  for _ = 1, rnd(7) - 1 do item[#item+1] = flagchars[rnd(#flagchars)] end
  if rnd(2) == 1 then item[#item+1] = tostring(rnd(120) - 1) end
  if rnd(2) == 1 then item[#item+1] = "." .. (rnd(3) == 1 and "" or tostring(rnd(120) - 1)) end
  item[#item+1] = convs[rnd(#convs)]
  local fmt = texts[rnd(#texts)] .. table.concat(item) .. texts[rnd(#texts)]
  local v = values[rnd(#values)]
  local arg
  if type(v) == "number" then
    if v ~= v or v == 1/0 or v == -1/0 then arg = "n:" .. string.format("%f", v)
    else arg = "n:" .. string.format("%.17g", v) end
  else
    arg = "s:" .. esc(v)
  end
  local ok, res = pcall(string.format, fmt, v)
  print(esc(fmt) .. "\t" .. arg .. "\t" .. (ok and esc(res) or "error:" .. esc(res)))
end
