-- Numeric for loops with float arithmetic.
function bench()
  local acc = 0.0
  for i = 1, 200000 do
    local x = i * 0.5
    acc = acc + x * x / (i + 1.25) - (x % 3)
  end
  return math.floor(acc)
end
