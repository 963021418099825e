f
"str"
f
{1}
local t = o
:m
"x"
local u = f
[[long]]
