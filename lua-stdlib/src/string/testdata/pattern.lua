-- Records string.find / string.match / string.gsub cases from lua5.1 for
-- pattern.rs's tests:   lua5.1 pattern.lua > pattern.txt
-- Each line: kind <TAB> subject <TAB> pattern <TAB> result, where kind is
-- find, match or gsub (replacement "<%0|%1>", at most 3), and result is the
-- results joined by "|" or "error:<message>". Bytes outside printable ASCII,
-- tab, backslash and "|" are written \xNN.
local function esc(s)
  s = tostring(s)
  local out = {}
  for i = 1, #s do
    local b = s:byte(i)
    if b < 32 or b > 126 or b == 92 or b == 124 then out[#out+1] = string.format("\\x%02x", b)
    else out[#out+1] = string.char(b) end
  end
  return table.concat(out)
end
local function pack(ok, ...)
  if not ok then return "error:" .. esc((...)) end
  local t = {}
  for i = 1, select("#", ...) do t[i] = esc((select(i, ...))) end
  return table.concat(t, "|")
end
local subjects = { "", "a", "abc", "hello world", "aaa", "aXb1_ 2!", "x(y(z))w", "  trim  ",
  "key=val; k2=v2", "a\0b\0", "THE (quick) fox", "abcabcab", "[[x]]", "a.b-c+d", "\n\t x", "111222333" }
local patterns = { "", "a", "^a", "a$", "^$", ".", "..", "%a+", "%A", "%d+", "%D", "%l", "%L", "%s+", "%S+",
  "%u", "%U", "%w+", "%W", "%x+", "%X", "%p+", "%P", "%c", "%C", "%z", "%Z", "[abc]+", "[^abc]+", "[a-c]",
  "[%a_]+", "[%d%s]+", "[]]", "[^]]", "[a-]", "[-a]", "[%]]", "a*", "a+", "a-", "a?", ".-", ".*", "(a)",
  "(a*)", "()", "(%w+)=(%w+)", "(.)%1", "(a)(b)(c)", "((a)(b))", "%b()", "%b[]", "%bxy", "%f[%w]%w+",
  "%f[%W]", "%f[%a]", "%f[^%z]", "^(.-)%s*$", "(%s*)(.-)(%s*)$", "a.-b", "a.*b", "[%w_]*", "x?y?z?",
  "%", "[a", "[^", "%f", "%fa", "(a", "a)", "%1", "(a)%2", "%b", "(()", "^^", "$$", "a$b", "%.", "%%",
  "[%a-]", "[a-z%-]+", "%d%d?%d?", "(h)(e)(l)(l)(o)", "([%w]+)%p?", "^%s*(.-)%s*$", "(ab)%1", "()a()",
  "[\0]", "%z+" }
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    print("find\t" .. esc(s) .. "\t" .. esc(p) .. "\t" .. pack(pcall(string.find, s, p)))
    print("match\t" .. esc(s) .. "\t" .. esc(p) .. "\t" .. pack(pcall(string.match, s, p)))
    print("gsub\t" .. esc(s) .. "\t" .. esc(p) .. "\t" .. pack(pcall(string.gsub, s, p, "<%0|%1>", 3)))
  end
end
