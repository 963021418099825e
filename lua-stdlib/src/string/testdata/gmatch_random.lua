-- Records lua5.1's string.gmatch for random patterns on random subjects:
--   lua5.1 gmatch_random.lua > gmatch_random.txt
-- Each line: subject <TAB> pattern <TAB> the iterations separated by ";",
-- each one's values separated by "," (or "error:<message>"). Bytes outside
-- printable ASCII, tab, backslash, "|", "," and ";" are written \xNN.
local function esc(s)
  s = tostring(s)
  local out = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b > 126 or b == 92 or b == 124 or b == 44 or b == 59 then
      out[#out+1] = string.format("\\x%02x", b)
    else out[#out+1] = string.char(b) end
  end
  return table.concat(out)
end
local seed = 8080
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n + 1
end
local pieces = { "a", "b", ".", "%a", "%d", "%s", "[ab]", "[^a]", "*", "+", "-", "?", "(", ")", "()", "%1", "^",
  "$", "%b()", "%f[%w]", "x", " ", "1", "(a", "b)", "%" }
local chars = { "a", "b", "1", "2", " ", "(", ")", "x", "\0", "^" }
for _ = 1, 2000 do
  local p = {}
  for _ = 1, rnd(5) do p[#p+1] = pieces[rnd(#pieces)] end
  local s = {}
  for _ = 1, rnd(10) - 1 do s[#s+1] = chars[rnd(#chars)] end
  p, s = table.concat(p), table.concat(s)
  local ok, res = pcall(function()
    local iterations = {}
    local function add(...)
      if select("#", ...) == 0 or ... == nil then return false end
      local t = {}
      for i = 1, select("#", ...) do t[i] = esc((select(i, ...))) end
      iterations[#iterations+1] = table.concat(t, ",")
      return true
    end
    local it = string.gmatch(s, p)
    while add(it()) do end
    return table.concat(iterations, ";")
  end)
  print(esc(s) .. "\t" .. esc(p) .. "\t" .. (ok and res or "error:" .. esc(res)))
end
