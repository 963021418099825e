local c1 = os.clock()
local x = 0
for i = 1, 100000 do x = x + i end
local c2 = os.clock()
print(type(c1), c2 >= c1, x)
print(os.difftime(100, 50), os.difftime(50, 100), os.difftime(0, 0))
print(type(os.difftime(os.time(), os.time() - 10)))
print(pcall(os.difftime, "a", 1))
print(os.difftime("10", "4"))
print(os.difftime(1.5, 0.5), os.difftime(-1, 1))
