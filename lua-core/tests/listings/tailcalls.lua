local function f(n) return f(n - 1) end
local function g(o) return o:m(1) end
local function h() return (f(1)) end
return f(1)
