local function probe(level, what)
  local i = debug.getinfo(level + 1, what)
  local keys = {}
  for k in pairs(i) do keys[#keys + 1] = k end
  table.sort(keys)
  return table.concat(keys, ",")
end
print(probe(1, "S"))
print(probe(1, "l"))
print(probe(1, "n"))
print(probe(1, "u"))
print(probe(1, "f"))
local function named_local() local i = debug.getinfo(1, "nSlu") return i.name, i.namewhat, i.what, i.nups, i.currentline, i.linedefined end
print(named_local())
local t = {}
function t.method() local i = debug.getinfo(1, "n") return i.name, i.namewhat end
print(t.method())
function globalfn() local i = debug.getinfo(1, "n") return i.name, i.namewhat end
print(globalfn())
local up = 1
local function with_up() return up end
print(debug.getinfo(with_up, "u").nups, debug.getinfo(print, "u").nups)
print(debug.getinfo(1, "S").source, debug.getinfo(1, "S").short_src)
print(debug.getinfo(loadstring("return 1", "=custom"), "S").source)
print(debug.getinfo(loadstring("return 1"), "S").short_src)
print(pcall(function() return type(debug.getinfo(1, ">")) end))
