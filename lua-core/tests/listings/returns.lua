local function a() return end
local function b() return 1 end
local function c() return 1, 2 end
local function d() return f() end
local function e() return f(), 1 end
local function g() return 1, f() end
local function h(...) return ... end
local function i(x) return x end
local function j(x) return (f()) end
local function k() return o:m() end
