local i = 0
repeat
  local j = i * 2
  i = i + 1
until j >= 6
print(i)
local r = {}
repeat
  local x = #r + 1
  r[x] = function() return x end
until x == 3
print(r[1](), r[2](), r[3]())
local k = 10
repeat local k = k - 1 print("inner k", k) until k < 10
print("outer k", k)
local n = 0
repeat n = n + 1 if n == 2 then break end until false
print(n)
