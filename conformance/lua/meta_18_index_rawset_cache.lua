local computed = 0
local fib = setmetatable({[0] = 0, [1] = 1}, {__index = function(t, n)
  computed = computed + 1
  local v = t[n - 1] + t[n - 2]
  rawset(t, n, v)
  return v
end})
print(fib[50], computed)
print(fib[60], computed)
local defaults = {color = "red", size = 10}
local obj = setmetatable({}, {__index = defaults})
print(obj.color, obj.size)
obj.color = "blue"
print(obj.color, defaults.color)
obj.color = nil
print(obj.color)
local calls = 0
local mtf = {__index = function(t, k) calls = calls + 1 return nil end}
local tf = setmetatable({present = false}, mtf)
print(tf.present, tf.absent, calls)
