-- 200 local variables per function
local function locals(n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = "local v" .. i .. " = " .. i end
  return table.concat(parts, "\n") .. "\nreturn v" .. n
end
local f, err = loadstring(locals(199))
print("199", f and f(), err)
f, err = loadstring(locals(200))
print("200", f and f(), err)
f, err = loadstring(locals(201))
print("201", f, err)
-- all in one statement
local names = {}
for i = 1, 201 do names[i] = "a" .. i end
f, err = loadstring("local " .. table.concat(names, ","))
print("one-stmt", f, err)
-- inside a nested function
f, err = loadstring("local function g()\n" .. locals(201) .. "\nend")
print("nested", f, err)
-- parameters count as locals
local params = {}
for i = 1, 201 do params[i] = "p" .. i end
f, err = loadstring("return function(" .. table.concat(params, ",") .. ") end")
print("params", f, err)
