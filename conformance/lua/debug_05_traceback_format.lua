local function level3() return debug.traceback("tb", 1) end
local function level2() return (level3()) end
local function level1() return (level2()) end
print(level1())
print(debug.traceback("no level"))
local co = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co)
print(debug.traceback(co))
print(debug.traceback(co, "co msg"))
local function thrower() error("err in traceback test") end
local ok, tb = xpcall(thrower, debug.traceback)
print(ok)
print(tb)
