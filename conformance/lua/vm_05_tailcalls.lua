-- proper tail calls do not grow the stack
local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(100000))
local function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(100001))
local function acc(n, total) if n == 0 then return total end return acc(n - 1, total + n) end
print(acc(200000, 0))
-- tail call returning multiple values
local function three() return 1, 2, 3 end
local function t1() return three() end
print(t1())
-- parenthesised call is not a tail call and truncates
local function t2() return (three()) end
print(t2())
-- tail call through method
local obj = {n = 0}
function obj:step(k) if k == 0 then return self.n end self.n = self.n + 1 return self:step(k - 1) end
print(obj:step(50000))
-- tail call to a C function
local function tc(s) return string.upper(s) end
print(tc("abc"))
-- tail call with varargs
local function va(n, ...) if n == 0 then return select("#", ...) end return va(n - 1, ...) end
print(va(30000, 1, 2, 3))
-- non-tail recursion depth that is fine
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
