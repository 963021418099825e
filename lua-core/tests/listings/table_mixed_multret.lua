local t = {f(), f(), f()}
local u = {f(), nil}
local v = {..., 1}
local w = {a = f(), f()}
