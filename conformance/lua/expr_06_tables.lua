local t = {1, 2, 3; "four", n = 5, ["k e y"] = 6, [10] = 7}
print(#t, t[4], t.n, t["k e y"], t[10])
local u = {[1] = "a", "b"}
print(u[1])
local v = {"b", [1] = "a"}
print(v[1])
local function three() return 1, 2, 3 end
local w = {three()}
print(#w)
local x = {three(), three()}
print(#x, x[1], x[2], x[4])
local y = {(three())}
print(#y)
local z = {three(), nil}
print(#z)
local n = {f = function(self) return self.v end, v = 42}
print(n:f(), n.f(n))
local nested = {a = {b = {c = "deep"}}}
print(nested.a.b.c, nested["a"]["b"]["c"])
local e = {}
print(e[1], e.x, #e)
local mix = {[1.0] = "one", [2] = "two"}
print(mix[1], #mix)
print(pcall(function() local t = {[nil] = 1} end))
print(pcall(function() local t = {} t[nil] = 1 end))
print(pcall(function() local t = {} t[0/0] = 1 end))
print(({})[nil], rawget({}, nil))
local s = {["1"] = "str", [1] = "num"}
print(s["1"], s[1])
local trailing = {1, 2, 3,}
print(#trailing)
local semi = {1; 2; 3;}
print(#semi)
