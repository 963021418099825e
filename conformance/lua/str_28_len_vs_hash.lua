local samples = {"", "a", "ab\0cd", string.rep("x", 1000), "\255\254", "é"}
for _, s in ipairs(samples) do print(#s, s:len(), string.len(s), #s == s:len()) end
local t = setmetatable({}, {__index = string})
print(t.len("abc"))
print(pcall(string.len, 42), pcall(string.len, nil))
print(#("\n\t\r"), #"\123\0\255", #[[
]])
local parts = {"a", "\0", "bc"}
print(#table.concat(parts), #(parts[1] .. parts[2] .. parts[3]))
print(#string.format("%s%s", "ab", "cd"), #tostring(12.5))
