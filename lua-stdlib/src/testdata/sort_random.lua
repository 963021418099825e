-- Records lua5.1's table.sort on random arrays with consistent and
-- inconsistent comparators:   lua5.1 sort_random.lua > sort_random.txt
-- Each line: comparator <TAB> array before <TAB> array after <TAB> ok or the error.
local seed = 31337
local function rnd(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return math.floor(seed / 65536) % n
end
local function guard(f)
  return function(a, b)
    if a == nil or b == nil then error("nil", 0) end
    return f(a, b)
  end
end
local comparators = {
  lt = guard(function(a, b) return a < b end),
  gt = guard(function(a, b) return a > b end),
  le = guard(function(a, b) return a <= b end),
  never = guard(function() return false end),
  always = guard(function() return true end),
  mod3 = guard(function(a, b) return (a + b) % 3 == 0 end),
  lastdigit = guard(function(a, b) return a % 10 < b % 10 end),
}
local names = { "lt", "gt", "le", "never", "always", "mod3", "lastdigit" }
for _ = 1, 1500 do
  local n = rnd(40)
  local t = {}
  for i = 1, n do t[i] = rnd(25) end
  local before = table.concat(t, ",")
  local name = names[rnd(#names) + 1]
  local ok, err = pcall(table.sort, t, comparators[name])
  print(name .. "\t" .. before .. "\t" .. table.concat(t, ",") .. "\t" .. (ok and "ok" or err))
end
