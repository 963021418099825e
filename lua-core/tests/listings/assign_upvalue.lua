local a, b
function f()
  a, b = b, a
  a = 1
  b.x = a
end
