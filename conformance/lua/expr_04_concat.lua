print("a" .. "b" .. "c")
print(1 .. 2, 1.5 .. "", -0.5 .. "x")
print("n=" .. 10, 10 .. "=n")
print(2^53 .. "", 1e100 .. "", (1/0) .. "", (-1/0) .. "")
print(0.1 .. "", 1/3 .. "")
local s = ""
for i = 1, 10 do s = s .. i end
print(s, #s)
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. {} end))
print(pcall(function() return true .. "a" end))
print(pcall(function() local x return "a" .. x end))
print(pcall(function() local t = {} return t.k .. "a" end))
print(pcall(function() return undefinedvar .. "a" end))
print(pcall(function() return "a" .. "b" .. nil .. "c" end))
print(pcall(function() return 1 .. print end))
local big = string.rep("ab", 1000)
print(#(big .. big), (big .. "x"):sub(-3))
local parts = {}
for i = 1, 5 do parts[i] = "p" .. i end
print(parts[1] .. parts[2] .. parts[3] .. parts[4] .. parts[5])
print(("x"):rep(3) .. ("y"):rep(2))
