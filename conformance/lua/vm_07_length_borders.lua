print(#{}, #{1}, #{1, 2, 3}, #{nil}, #{nil, 2})
print(#{1, nil, 3}, #{1, 2, nil}, #{n = 1})
local t = {}
for i = 1, 10 do t[i] = i end
print(#t)
t[10] = nil
print(#t)
t[5] = nil
print(#t == 9 or #t == 4)
local u = {}
u[1] = 1; u[2] = 2; u[4] = 4
print(#u)
local v = {}
v[2] = 2
print(#v)
local w = {1, 2, 3}
w[#w + 1] = 4
w[#w + 1] = 5
print(#w)
local x = {}
for i = 1, 100 do x[i] = i end
for i = 100, 51, -1 do x[i] = nil end
print(#x)
local s = {10, 20, 30, nil}
print(#s)
local big = {}
big[1] = 1; big[2] = 2; big[3] = 3; big[100] = 100
print(#big)
print(#"", #"abc", #"a\0b")
local holes = {1, 2, 3, 4, 5, 6, 7, 8}
holes[8] = nil; holes[7] = nil
print(#holes)
local from_hash = {}
from_hash[3] = 3; from_hash[2] = 2; from_hash[1] = 1
print(#from_hash)
local ctor = {[1] = 1, [2] = 2, [3] = 3}
print(#ctor)
