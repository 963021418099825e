-- finalizers run in reverse order of creation within one collection
local order = {}
local protos = {}
for i = 1, 5 do
  local p = newproxy(true)
  getmetatable(p).__gc = function() order[#order + 1] = i end
  protos[i] = p
end
protos = nil
collectgarbage()
collectgarbage()
print(table.concat(order, " "))
local resurrect
do
  local p = newproxy(true)
  getmetatable(p).__gc = function(self) resurrect = self end
end
collectgarbage()
collectgarbage()
print(type(resurrect))
