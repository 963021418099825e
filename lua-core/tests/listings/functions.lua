function f(a, b) return a + b end
local function g(...) return ... end
local h = function(a, ...) local n = select('#', ...) return a, n end
function t.a.b(x) return x end
function t.a:m(y) return self, y end
local function rec(n) if n > 0 then return rec(n - 1) end return 0 end
