local stack = {}
for i = 1, 5 do table.insert(stack, i * i) end
local popped = {}
while #stack > 0 do popped[#popped + 1] = table.remove(stack) end
print(table.concat(popped, " "))
local queue = {}
for i = 1, 5 do table.insert(queue, "q" .. i) end
local served = {}
while #queue > 0 do served[#served + 1] = table.remove(queue, 1) end
print(table.concat(served, " "))
local deque = {}
table.insert(deque, 1, "b") table.insert(deque, 1, "a") table.insert(deque, "c")
print(table.concat(deque, ""), table.remove(deque, 1), table.remove(deque), table.concat(deque))
