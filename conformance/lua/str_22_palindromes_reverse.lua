local function clean(s) return s:lower():gsub("[^%a]", "") end
local function is_pal(s) local c = clean(s) return c == c:reverse() end
for _, s in ipairs({"A man, a plan, a canal: Panama", "racecar", "hello", "", "Was it a car or a cat I saw?", "ab"}) do
  print(is_pal(s), s)
end
print(("abc"):reverse():reverse(), ("\0\1"):reverse():byte(1, 2))
for _, s in ipairs({"abba", "abcba", "abca"}) do print(s, s == s:reverse()) end
print(("12321"):reverse() == "12321", (""):reverse() == "")
print(is_pal("No lemon, no melon"), is_pal("Step on no pets!"))
print(("a\0b"):reverse() == "b\0a")
