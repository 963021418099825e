-- identifiers and keywords
local _ = 1
local _x1, X_, __ = 2, 3, 4
print(_, _x1, X_, __)
local And, End, NIL = 5, 6, 7
print(And, End, NIL)
local t = {}
t["end"] = 1; t["while"] = 2
print(t["end"], t["while"])
print(loadstring("local end = 1"))
print(loadstring("local 1x = 1"))
print(loadstring("t.end = 1"))
print(loadstring("local function = 1"))
print(loadstring("return nil.x"))
print(loadstring("and = 1"))
print(loadstring("local goto = 1") ~= nil)
local goto = "goto is a name in 5.1"
print(goto)
local continue = 3
print(continue)
print(loadstring("local éa = nil"))
