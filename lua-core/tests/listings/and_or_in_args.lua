f(a and b, c or d, not e)
local x = {a and b, c or d}
t[a or b] = c and d
