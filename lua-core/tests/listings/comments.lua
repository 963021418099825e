-- comment
x = 1 -- trailing
--[[ long
comment ]] y = 2
--[==[ another
]] still ]==] z = 3
