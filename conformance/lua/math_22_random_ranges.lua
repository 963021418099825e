-- only properties of random values are printed
math.randomseed(123)
local ok = true
for i = 1, 1000 do local r = math.random() if r < 0 or r >= 1 then ok = false end end
print("unit interval", ok)
ok = true
for i = 1, 1000 do local r = math.random(6) if r < 1 or r > 6 or r ~= math.floor(r) then ok = false end end
print("1..6", ok)
ok = true
for i = 1, 1000 do local r = math.random(-5, 5) if r < -5 or r > 5 or r ~= math.floor(r) then ok = false end end
print("-5..5", ok)
local seen = {}
for i = 1, 2000 do seen[math.random(3)] = true end
print("all of 1..3 seen", seen[1] and seen[2] and seen[3])
print(math.random(0.5 + 0.5), math.random(3, 3.9))
print(pcall(math.random, 1.5, 1.2))
