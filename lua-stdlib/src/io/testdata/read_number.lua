-- Records lua5.1's file:read("*n") (glibc fscanf "%lf") on random texts:
--   lua5.1 read_number.lua > read_number.txt
-- Each line: text (\xNN escapes) <TAB> the numbers read, "|"-separated,
-- until one fails <TAB> what read("*a") returns after that.
local function esc2(s)
  local out = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b > 126 or b == 92 or b == 124 then out[#out + 1] = string.format("\\x%02x", b)
    else out[#out + 1] = string.char(b) end
  end
  return table.concat(out)
end
local seed = 5150
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end
local pieces = { "1", "23", ".", "e", "E", "+", "-", "0x", "x", "p", "a", "f", " ", "\n", "\t", "inf", "nan", "in",
  "i", "n", "9", "0", "e5", ".5", "1e", "z", ",", "infinity", "(", ")" }
local name = os.tmpname()
for _ = 1, 800 do
  local parts = {}
  for _ = 1, rnd(8) + 1 do parts[#parts + 1] = pieces[rnd(#pieces) + 1] end
  local text = table.concat(parts)
  local f = assert(io.open(name, "w")); f:write(text); f:close()
  f = assert(io.open(name))
  local nums = {}
  while true do
    local n = f:read("*n")
    if n == nil then break end
    nums[#nums + 1] = string.format("%.17g", n)
  end
  local rest = f:read("*a")
  f:close()
  print(esc2(text) .. "\t" .. table.concat(nums, "|") .. "\t" .. esc2(rest))
end
os.remove(name)
