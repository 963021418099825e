local name = os.tmpname()
local f = io.open(name, "w")
for i = 1, 5 do f:write("row ", i, "\n") end
f:write("no newline at end")
f:close()
for line in io.lines(name) do print("[" .. line .. "]") end
f = io.open(name)
local n = 0
for line in f:lines() do n = n + 1 end
print("count", n, io.type(f))
f:close()
local empty = os.tmpname()
io.open(empty, "w"):close()
for line in io.lines(empty) do print("never") end
print("empty done")
print(pcall(io.lines, "/nonexistent/dir/file"))
local g = io.open(name, "w")
g:write("\n\n\nx\n")
g:close()
for l in io.lines(name) do io.write("<", l, ">") end print()
os.remove(name)
os.remove(empty)
