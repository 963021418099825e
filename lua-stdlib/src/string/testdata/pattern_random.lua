-- Records lua5.1's results for random patterns on random subjects (same
-- line format as pattern.lua):   lua5.1 pattern_random.lua > pattern_random.txt
local function esc(s)
  s = tostring(s)
  local out = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b > 126 or b == 92 or b == 124 then out[#out+1] = string.format("\\x%02x", b)
    else out[#out+1] = string.char(b) end
  end
  return table.concat(out)
end
local function pack(ok, ...)
  if not ok then return "error:" .. esc((...)) end
  local t = {}
  for i = 1, select("#", ...) do t[i] = esc((select(i, ...))) end
  return table.concat(t, "|")
end
local seed = 2024
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n + 1
end
local pieces = { "a", "b", "c", ".", "%a", "%d", "%s", "%w", "%p", "%A", "%z", "[ab]", "[^a]", "[a-c]", "[%d_]",
  "*", "+", "-", "?", "(", ")", "()", "%1", "%2", "^", "$", "%b()", "%bab", "%f[%w]", "%f[%s]", "%", "[", "]",
  "%(", "%.", "x", " ", "1", "_", "(a", "b)" }
local chars = { "a", "b", "c", "1", "2", " ", "(", ")", "_", ".", "x", "\0", "!", "A" }
for _ = 1, 3000 do
  local p = {}
  for _ = 1, rnd(6) do p[#p+1] = pieces[rnd(#pieces)] end
  local s = {}
  for _ = 1, rnd(12) - 1 do s[#s+1] = chars[rnd(#chars)] end
  p, s = table.concat(p), table.concat(s)
  print("find\t" .. esc(s) .. "\t" .. esc(p) .. "\t" .. pack(pcall(string.find, s, p)))
  print("match\t" .. esc(s) .. "\t" .. esc(p) .. "\t" .. pack(pcall(string.match, s, p)))
  print("gsub\t" .. esc(s) .. "\t" .. esc(p) .. "\t" .. pack(pcall(string.gsub, s, p, "<%0|%1>", 3)))
end
