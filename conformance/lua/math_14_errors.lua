local names = {"abs", "ceil", "floor", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "exp", "log", "log10", "deg", "rad", "modf", "frexp", "sinh", "cosh", "tanh"}
for _, n in ipairs(names) do
  print(n, pcall(math[n]))
  print(n, pcall(math[n], "abc"))
  print(n, pcall(math[n], "16"))
end
for _, n in ipairs({"fmod", "pow", "atan2", "ldexp"}) do
  print(n, pcall(math[n], 1))
  print(n, pcall(math[n], nil, 1))
  print(n, pcall(math[n], "2", "3"))
end
print(pcall(function() return math.floor({}) end))
print(pcall(function() return math.max(1, nil) end))
