for _, n in ipairs({0, 1, 2, 5, 17}) do
  local a = string.rep("ab", n)
  local b = ""
  for i = 1, n do b = b .. "ab" end
  print(n, a == b, #a)
end
print(string.rep("a", 3.9), string.rep("a", -3.9) == "", string.rep("a", "2"))
print(pcall(string.rep, "x", "y"))
print(#string.rep("abc", 1000), string.rep("-", 10))
print(string.rep("ab", 2) .. string.rep("ab", 3) == string.rep("ab", 5))
