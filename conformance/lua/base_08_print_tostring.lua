print()
print(nil)
print(nil, nil)
print(1, "two", 3.5, true, false, nil)
print("tab\tin", "newline\nin")
print("")
print("", "")
print(("x"):rep(3), #"")
local t = setmetatable({}, {__tostring = function() return "T!" end})
print(t, t)
local old = tostring
tostring = function(v) return "<" .. old(v) .. ">" end
print(1, "a", nil)
tostring = old
print(1, "a", nil)
tostring = nil
local ok, e = pcall(print, 1)
tostring = old
print(ok, e)
print("restored")
io.write("io.write ", 1, " ", 2.5, "\n")
print(pcall(io.write, {}))
print(pcall(io.write, nil))
