print(type(package), type(package.loaded), type(package.preload), type(package.path), type(require))
print(package.loaded.string == string, package.loaded._G == _G, package.loaded.math == math)
package.preload.mymod = function(name) return {name = name, value = 42} end
local m = require("mymod")
print(m.name, m.value, package.loaded.mymod == m, require("mymod") == m)
package.preload.nilmod = function() end
print(require("nilmod"), package.loaded.nilmod)
package.loaded.fake = "already"
print(require("fake"))
local ok, err = pcall(require, "surely_missing_module_xyz")
print(ok, (err:match("^module 'surely_missing_module_xyz' not found:")))
print(pcall(require))
package.preload.failing = function() error("load failed", 0) end
print(pcall(require, "failing"))
local dir = os.tmpname()
os.remove(dir)
local modfile = dir .. "_mod.lua"
local f = io.open(modfile, "w")
f:write("local args = {...}\nreturn {loaded_as = args[1]}\n")
f:close()
local oldpath = package.path
package.path = dir .. "_?.lua"
local fm = require("mod")
print(fm.loaded_as, package.loaded.mod == fm)
package.path = oldpath
os.remove(modfile)
