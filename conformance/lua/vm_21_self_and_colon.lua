local stack = {items = {}, size = 0}
function stack:push(...)
  for i = 1, select("#", ...) do self.size = self.size + 1 self.items[self.size] = (select(i, ...)) end
  return self
end
function stack:pop()
  if self.size == 0 then return nil end
  local v = self.items[self.size]
  self.items[self.size] = nil
  self.size = self.size - 1
  return v
end
stack:push(1, 2, 3):push("four")
print(stack.size, stack:pop(), stack:pop(), stack.size)
local s2 = setmetatable({items = {}, size = 0}, {__index = stack})
s2:push("x")
print(s2.size, stack.size, s2:pop())
local str = "chain"
print(str:upper():lower():rep(2):sub(3, 7):len())
local t = {n = 10}
function t.get(self) return self.n end
print(t:get(), t.get(t), t.get({n = 20}))
