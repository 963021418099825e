local function shift(s, n)
  return (s:gsub("%a", function(c)
    local base = c:match("%l") and 97 or 65
    return string.char((c:byte() - base + n) % 26 + base)
  end))
end
local msg = "Hello, World! Lua 5.1"
print(shift(msg, 13))
print(shift(shift(msg, 13), 13))
print(shift(msg, 3), shift(shift(msg, 3), -3))
print(shift("xyz XYZ", 5))
