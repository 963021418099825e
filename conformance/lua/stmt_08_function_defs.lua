function plain(a) return "plain " .. a end
local function loc(a) return "local " .. a end
local anon = function(a) return "anon " .. a end
local t = {}
function t.field(a) return "field " .. a end
function t:method(a) return "method " .. tostring(self == t) .. " " .. a end
t.sub = {}
function t.sub.deep(a) return "deep " .. a end
print(plain(1), loc(2), anon(3), t.field(4), t:method(5), t.sub.deep(6))
local function varf(a, b, ...) return a, b, select("#", ...) end
print(varf(1))
print(varf(1, 2, 3, 4))
local function noargs() return "none" end
print(noargs(1, 2, 3))
local function rec(n) if n == 0 then return "bottom" end return rec(n - 1) end
print(rec(10))
local f = function(...) local a, b = ... return a, b end
print(f("x", "y", "z"))
print((function() return "iife" end)())
