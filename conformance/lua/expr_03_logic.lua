local function show(...) print(select('#', ...), ...) end
show(nil and 1)
show(false and 1)
show(0 and 1)
show("" and "x")
show(nil or "d")
show(false or nil)
show(1 or nil)
show(not nil, not false, not 0, not "")
local calls = 0
local function f(v) calls = calls + 1 return v end
local r = f(false) and f(1)
print("and short", r, calls)
calls = 0
r = f(1) or f(2)
print("or short", r, calls)
calls = 0
r = f(nil) or f(false) or f(3)
print("chain", r, calls)
local x = nil
print(x and x.field or "default")
local function multi() return 1, 2, 3 end
show(multi() and multi())
show((multi()))
show(multi() or 0)
show(nil or multi())
local t = {}
t.a = t.a or 5
t.a = t.a or 6
print(t.a)
if nil then print("no") elseif false then print("no") elseif 0 then print("zero is true") end
while nil do end
print(1 == 1 and 2 == 2, 1 == 1 and 2 == 3)
