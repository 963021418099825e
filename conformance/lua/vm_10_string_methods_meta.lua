local s = "Hello"
print(s:len(), s:byte(1), s:lower(), s:find("l"))
print(("abc"):reverse(), ("%5s"):format("x"))
string.shout = function(x) return x:upper() .. "!" end
print(s:shout())
string.shout = nil
print(pcall(function() return s:shout() end))
local mt = getmetatable("")
print(mt == getmetatable("other"), rawequal(mt.__index, string))
print(#s, s .. s)
print(pcall(function() local x = "abc" return x.y.z end))
print(("x").len == string.len, ("x").nothing)
print(("5") + 1, -("2"))
print(pcall(function() return ("abc") < 1 end))
print(pcall(function() s.field = 1 end))
