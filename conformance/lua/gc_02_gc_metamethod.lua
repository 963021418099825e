-- __gc works on userdata made by newproxy
local log = {}
do
  local u = newproxy(true)
  getmetatable(u).__gc = function() log[#log + 1] = "u collected" end
end
collectgarbage()
collectgarbage()
print(log[1])
-- __gc on tables is ignored in 5.1
local tlog = 0
do setmetatable({}, {__gc = function() tlog = tlog + 1 end}) end
collectgarbage()
print("table gc", tlog)
-- several proxies sharing one metatable
local count = 0
local base = newproxy(true)
getmetatable(base).__gc = function() count = count + 1 end
for i = 1, 5 do local p = newproxy(base) end
collectgarbage()
collectgarbage()
print("shared", count)
-- a proxy that is still referenced is not collected
local kept = newproxy(true)
local kcount = 0
getmetatable(kept).__gc = function() kcount = kcount + 1 end
collectgarbage()
print("kept", kcount)
print(type(newproxy()), type(newproxy(true)), type(getmetatable(newproxy(true))))
print(getmetatable(newproxy()))
print(pcall(newproxy, {}))
print(pcall(newproxy, newproxy()))
