local function v(x) return x end
print(v(nil) or v(false), v(false) or v(nil))
print(v(1) and v(nil), v(nil) and v(1))
print(v(false) and v(1) or v(2))
print(v(true) and v(false) or v("x"))
local t = {}
local r = t.a and t.a.b or "no a"
print(r)
t.a = {b = "found"}
r = t.a and t.a.b or "no a"
print(r)
local function max(a, b) return a > b and a or b end
print(max(3, 7), max(7, 3), max(-1, -1))
local x = nil
local y = x == nil and "was nil" or "not nil"
print(y)
print(1 and 2 and 3, nil or false or 0, false or nil and 1)
print((nil or {}).field, (false and error("no")) == false)
