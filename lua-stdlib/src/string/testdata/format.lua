-- Records string.format cases from lua5.1 for format.rs's tests:
--   lua5.1 format.lua > format.txt
-- Each line: format <TAB> argument <TAB> result. Bytes outside printable ASCII,
-- and tab and backslash, are written \xNN. Arguments are n:<%.17g> or s:<bytes>.
local function esc2(s)
  local out = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b > 126 or b == 92 then out[#out+1] = string.format("\\x%02x", b)
    else out[#out+1] = string.char(b) end
  end
  return table.concat(out)
end
local function numarg(x)
  if x ~= x or x == 1/0 or x == -1/0 then return "n:" .. string.format("%f", x) end
  return "n:" .. string.format("%.17g", x)
end
local z = 0
local nums = { 0, -z, 1, -1, 7, 42, -42, 255, 3.14159, -3.14159, 0.5, 1.5, 2.5, -2.5, 0.125,
  0.1, 1/3, -2/3, 99.995, 1e-5, 1e-4, 123456789, 1e15, 1e16, 1e17, 1e20, 1e21, 1e100, 1e300,
  1e-300, 5e-324, 2^53, 2^53 + 1, 2^63, -2^63, 2^64, 1e30, -1e30, 4294967296 + 65, 1/0, -1/0,
  0/0, -(0/0), 9.5, 0.05, 1234.5678, 65.9, -191 }
local flags = { "", "-", "+", " ", "#", "0", "-+", "+0", " 0", "#0", "-#", "+ ", "-0", "#-0+ " }
local widths = { "", "1", "8", "25" }
local precs = { "", ".", ".0", ".1", ".3", ".17", ".20" }
local rows = {}
local seed = 12345
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return math.floor(seed / 65536) % n + 1 end
local function emit(fmt, argtext, arg)
  local ok, res = pcall(string.format, fmt, arg)
  if ok then rows[#rows+1] = esc2(fmt) .. "\t" .. argtext .. "\t" .. esc2(res) end
end
for _, conv in ipairs({ "d", "i", "u", "o", "x", "X", "c", "e", "E", "f", "g", "G" }) do
  for _, f in ipairs(flags) do
    for _, w in ipairs(widths) do
      for _, pr in ipairs(precs) do
        local fmt = "%" .. f .. w .. pr .. conv
        -- every spec with three numbers picked at random
        for _ = 1, 3 do
          local x = nums[rnd(#nums)]
          emit(fmt, numarg(x), x)
        end
      end
    end
  end
  for _, x in ipairs(nums) do emit("[%" .. conv .. "]", numarg(x), x) end
end
local strs = { "", "a", "hello", "a\0b", "q\"b\\n\nr\rt\t\0z", string.rep("x", 99), string.rep("y", 100),
  string.rep("ab\0", 50), "\255\1\127" }
for _, f in ipairs({ "", "-", "0", "#", "+ " }) do
  for _, w in ipairs(widths) do
    for _, pr in ipairs(precs) do
      for _, s in ipairs(strs) do emit("%" .. f .. w .. pr .. "s", "s:" .. esc2(s), s) end
    end
  end
end
for _, s in ipairs(strs) do emit("%q", "s:" .. esc2(s), s); emit("%5.2q", "s:" .. esc2(s), s) end
for _, x in ipairs(nums) do emit("%s|%q", numarg(x), x) end
for _, r in ipairs(rows) do print(r) end
