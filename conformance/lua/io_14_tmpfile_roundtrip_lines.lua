local name = os.tmpname()
local f = io.open(name, "w")
local lines = {"", "one", "two words", string.rep("long", 100), "\ttabbed", "trailing space ", "last"}
for _, l in ipairs(lines) do f:write(l, "\n") end
f:close()
local i = 0
for l in io.lines(name) do
  i = i + 1
  print(i, #l, l == lines[i])
end
print("total", i)
os.remove(name)
