local function where() local info = debug.getinfo(1, "Sl") return info.short_src, info.currentline, info.what end
print(where())
local function named() return debug.getinfo(1, "n").name end
print(named())
local info = debug.getinfo(print)
print(info.what, info.short_src, info.source, info.currentline)
local function f(a, b) local c = 3 return debug.getlocal(1, 1), debug.getlocal(1, 3) end
print(f(10, 20))
local up1, up2 = 5, 6
local function g() return up1 + up2 end
print(debug.getupvalue(g, 1), debug.getupvalue(g, 2), debug.getupvalue(g, 3))
print(debug.setupvalue(g, 1, 100), g())
local li = debug.getinfo(g, "S")
print(li.linedefined, li.lastlinedefined, li.what, li.short_src)
print(debug.getinfo(1, "S").what)
print(debug.traceback("msg", 1):match("^msg\nstack traceback:\n") ~= nil)
print(type(debug.getregistry()))
print(debug.getmetatable("").__index == string)
print(pcall(debug.getinfo, 100))
print(debug.getinfo(100))
