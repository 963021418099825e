local a = "hello\n\t\"world\""
local b = 'single \'quoted\''
local c = [[long
string]]
local d = [==[with ]] inside]==]
local e = "\65\066\0067"
local f = "\a\b\f\v\r\\"
local g = "a\
b"
local h = "\200\255"
