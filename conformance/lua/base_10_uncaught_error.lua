print("before")
local function fail() error("uncaught failure") end
fail()
print("never")
