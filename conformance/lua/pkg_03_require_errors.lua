package.preload.cyclic = function()
  local ok, err = pcall(require, "cyclic")
  return {inner_ok = ok, inner_err = err}
end
local r = require("cyclic")
print(r.inner_ok, r.inner_err)
package.preload.ret_false = function() return false end
print(require("ret_false"), package.loaded.ret_false)
package.preload.args = function(...) return {select("#", ...), ...} end
local a = require("args")
print(a[1], a[2])
local saved = package.path
package.path = "/nonexistent/?.lua;/also/missing/?/init.lua"
local ok, err = pcall(require, "nowhere")
print(ok)
for line in err:gmatch("[^\n]+") do if not line:find(".so", 1, true) then print(line) end end
package.path = saved
