-- print writes strings with C fputs in 5.1 (stops at NUL); io.write writes every byte
local s = "before\0after"
print(#s)
io.write(s, "\n")
io.write((s:gsub("%z", "<NUL>")), "\n")
print(s:sub(1, 6), s:sub(8))
print(("\0"):len(), ("a\0"):rep(3):len())
local t = {"x\0y", "\0"}
for _, v in ipairs(t) do print(#v, (v:gsub("%z", "0"))) end
io.write(#t, "\n")
