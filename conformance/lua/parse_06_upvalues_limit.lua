-- 60 upvalues per function
local function build(n)
  local lines = {}
  for i = 1, n do lines[#lines + 1] = "local u" .. i .. " = " .. i end
  local uses = {}
  for i = 1, n do uses[#uses + 1] = "u" .. i end
  lines[#lines + 1] = "return function() return " .. table.concat(uses, "+") .. " end"
  return table.concat(lines, "\n")
end
local f, err = loadstring(build(60))
print("60", f and f()(), err)
f, err = loadstring(build(61))
print("61", f, err)
f, err = loadstring(build(100))
print("100", f, err)
