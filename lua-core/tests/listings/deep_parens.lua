local a = ((((1))))
local b = ((f()))
local c = (...)
