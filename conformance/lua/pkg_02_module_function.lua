package.preload["geo.point"] = function(name)
  module(name, package.seeall)
  function new(x, y) return {x = x, y = y} end
  function dist(p) return math.sqrt(p.x * p.x + p.y * p.y) end
  VERSION = "1.0"
end
local m = require("geo.point")
print(type(m), m == geo.point, m._NAME, m.VERSION)
print(m.dist(m.new(3, 4)))
print(package.loaded["geo.point"] == m, type(m._M), m._M == m, m._PACKAGE)
print(type(package.seeall), type(module))
