local Account = {}
Account.__index = Account
function Account.new(balance) return setmetatable({balance = balance}, Account) end
function Account:deposit(v) self.balance = self.balance + v return self end
function Account:get() return self.balance end
local a = Account.new(100)
print(a:deposit(50):deposit(25):get())
print(a.get(a), Account.get(a))
local s = "method"
print(s:upper(), s:len(), s:sub(2, 3), s:rep(2, ","))
print(("%s=%d"):format("k", 5))
local obj = {name = "o"}
function obj.plain(x) return x end
function obj:colon(x) return self.name, x end
print(obj.plain(1), obj:colon(2))
print(obj.colon(obj, 3))
local calls = 0
local function getobj() calls = calls + 1 return obj end
print(getobj():colon("once"), calls)
local t = {f = function(...) return select("#", ...) end}
print(t:f(), t.f(), t:f(1, 2))
local n = 5
print(pcall(function() return n:foo() end))
