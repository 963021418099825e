local a, b = ...
local t = {...}
local n = select("#", ...)
f(...)
local function g(...) local x = ... end
local function h(x, ...) end
local function k(...) return arg end
