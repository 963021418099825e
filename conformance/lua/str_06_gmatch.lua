local out = {}
for w in string.gmatch("one two  three", "%a+") do out[#out + 1] = w end
print(#out, table.concat(out, ","))
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, "->", v, " ") end print()
for p in string.gmatch("abc", "()") do io.write(p, " ") end print()
for m in string.gmatch("abc", "") do io.write("[", m, "]") end print()
for m in string.gmatch("aaa", "a*") do io.write("[", m, "]") end print()
for m in string.gmatch("hello", "^h") do io.write("anchored:", m, " ") end print()
for m in string.gmatch("^h^h", "^h") do io.write("lit:", m, " ") end print()
for a, b in string.gmatch("ab cd ef", "(%a)(%a)") do io.write(b, a, " ") end print()
local it = string.gmatch("1 2 3", "%d")
print(it(), it(), it(), it(), it())
print(pcall(string.gmatch))
print(pcall(string.gmatch, "x"))
for n in string.gmatch("10, 20.5, -3", "[%d%.%-]+") do io.write(tonumber(n) * 2, " ") end print()
local words = {}
for w in ("The quick brown fox"):gmatch("%S+") do words[#words + 1] = w:lower() end
print(table.concat(words, "|"))
local cnt = 0
for _ in string.gmatch(string.rep("ab", 100), "ab") do cnt = cnt + 1 end
print(cnt)
for a in string.gmatch("xyz", ".-") do io.write("<", a, ">") end print()
