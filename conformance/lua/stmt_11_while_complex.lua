local queue = {1}
local seen = {}
local order = {}
while #queue > 0 do
  local node = table.remove(queue, 1)
  if not seen[node] then
    seen[node] = true
    order[#order + 1] = node
    for _, nxt in ipairs({node * 2, node * 2 + 1}) do
      if nxt <= 10 then queue[#queue + 1] = nxt end
    end
  end
end
print(table.concat(order, " "))
local a, b = 48, 18
while b ~= 0 do a, b = b, a % b end
print("gcd", a)
local n, steps = 27, 0
while n ~= 1 do if n % 2 == 0 then n = n / 2 else n = 3 * n + 1 end steps = steps + 1 end
print("collatz", steps)
