-- How deep native calls nest before "C stack overflow": pcall, metamethods,
-- gsub callbacks, sort comparators and coroutine resumes all count (LUAI_MAXCCALLS).
local function deep(n) if n == 0 then return 0 end return coroutine.wrap(function() return deep(n-1) + 1 end)() end
local ok, e = pcall(deep, 250); print(ok, #tostring(e))
local n = 0
local function p() n = n + 1; return pcall(p) end
print(pcall(p), n)
n = 0
local t = setmetatable({}, {__index = function(t, k) n = n + 1; return t[k] end})
print(pcall(function() return t.x end), n)
n = 0
local function g(s) n = n + 1; return (string.gsub(s, ".", g)) end
print(pcall(g, "a"), n)
n = 0
local function tsort() n = n + 1; table.sort({3,2,1}, function(a, b) tsort() return a < b end) end
print(pcall(tsort), n)
