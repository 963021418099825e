-- comment forms
print("a") -- trailing comment
--[[ block
comment ]] print("b")
--[==[ level 2
]] still comment
]==] print("c")
--[ not a block comment
print("d")
---[[ line comment that looks like block
print("e")
--]]
print("f") --[[ inline ]] print("g")
-- [[ space breaks it
print("h")
--[=[ x ]=]print("i")
local x = 1 --[[ ]] + 2
print("expr", x)
print(loadstring("--[[ unterminated"))
print(loadstring("--[==[ unterminated ]]"))
print(type(loadstring("return 1 --")))
print(loadstring("return 1 --")())
print(#"--not a comment")
