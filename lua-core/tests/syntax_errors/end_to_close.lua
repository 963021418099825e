function f()
  if x then
    y = 1
