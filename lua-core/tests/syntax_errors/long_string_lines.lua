x = [[
a
b
]] y = =