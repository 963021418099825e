-- long brackets of several levels
local a = [[hello]]
print("level0", a, #a)
local b = [==[with ]] inside and ]=] too]==]
print("level2", b, #b)
local c = [[
first newline skipped]]
print("skipnl", c, #c)
local d = [=[
]=]
print("only-newline", #d)
local e = [[a
b
c]]
print("multiline", #e, (e:gsub("\n", "|")))
local f = [====[[[nested]]]====]
print("level4", f)
local g = [[\n is not an escape]]
print("raw", g, #g)
local h = [=[]]]=]
print("brackets", h)
print("empty", #[[]], #[==[]==])
local i = [[
]]
print("nl-only-l0", #i)
local j = [[

two]]
print("two-nl", #j, j:byte(1))
print("crlf", #loadstring("return [[\r\nx]]")())
print("cr-in", #loadstring("return [[a\r\nb]]")(), loadstring("return [[a\r\nb]]")():byte(2))
print("lfcr", #loadstring("return [[a\n\rb]]")())
print("nested-l0", pcall(loadstring, "return [[ a [[ b ]] c ]]"))
