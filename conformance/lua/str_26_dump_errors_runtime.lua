local function fails() local t = nil return t.x end
local d = loadstring(string.dump(fails))
print(pcall(d))
local function errs() error("dumped error") end
print(pcall(loadstring(string.dump(errs))))
local function uses_global() return string.upper("g") end
print(loadstring(string.dump(uses_global))())
local bad = string.dump(fails):sub(1, 10)
local f, err = loadstring(bad)
print(f, type(err))
