local start = collectgarbage("count")
for round = 1, 5 do
  local t = {}
  for i = 1, 5000 do t[i] = {i, tostring(i)} end
  t = nil
  collectgarbage()
end
local after = collectgarbage("count")
print("bounded", after < start + 200)
local s = ""
for i = 1, 500 do s = s .. "x" end
print(#s)
collectgarbage("stop")
local before_stop = collectgarbage("count")
for i = 1, 1000 do local _ = {} end
print("grows while stopped", collectgarbage("count") > before_stop)
collectgarbage("restart")
collectgarbage()
print("done")
