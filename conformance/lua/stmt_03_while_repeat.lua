local i = 0
while i < 5 do i = i + 1 end
print("while", i)
i = 0
repeat i = i + 1 until i >= 3
print("repeat", i)
-- until sees the body's locals
local n = 0
repeat local done = n >= 2; n = n + 1 until done
print("until-local", n)
-- break in nested loops
for a = 1, 3 do
  for b = 1, 3 do
    if b == 2 then break end
    print("nested", a, b)
  end
end
local k = 0
while true do
  k = k + 1
  if k == 4 then break end
end
print("break", k)
repeat
  local x = 1
  break
until false
print("repeat-break")
-- closures capturing loop locals in repeat
local fs = {}
local j = 0
repeat
  j = j + 1
  local jj = j
  fs[j] = function() return jj end
until jj >= 3
print(fs[1](), fs[2](), fs[3]())
-- while with complex condition
local a, b = 0, 10
while a < b and a ~= 5 do a = a + 1 end
print("cond", a)
do local z = 1; print("do-block", z) end
print("after do", z)
