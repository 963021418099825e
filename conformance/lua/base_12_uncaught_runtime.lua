local t = {}
print("about to index")
local x = t.a.b
