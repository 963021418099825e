local x = 1
do
  local x = 2
  print("inner", x)
  do
    local x = x + 1
    print("inner2", x)
  end
  print("inner again", x)
end
print("outer", x)
local a, b, c = 1
print(a, b, c)
local d, e = 1, 2, 3
print(d, e)
local f = 1
local f = f + 1
print(f)
local function g() return g end
print(g() == g)
local h = function() return h end
print(h())
local t = 1
local t, u = t + 1, t
print(t, u)
function globalf() return "global" end
print(globalf())
local obj = {}
function obj.method(self) return "dot" end
function obj:m2() return self == obj end
print(obj.method(), obj:m2())
local ns = {sub = {}}
function ns.sub.deep() return "deep" end
function ns.sub:deeper() return self == ns.sub end
print(ns.sub.deep(), ns.sub:deeper())
print(rawget(_G, "x"), rawget(_G, "globalf") ~= nil)
