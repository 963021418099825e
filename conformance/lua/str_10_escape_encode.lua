local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end
local function urldecode(s)
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end
local samples = {"hello world", "a+b=c&d", "100%", "ümlaut", "/path?q=1", "", "~safe-chars_."}
for _, s in ipairs(samples) do
  local e = urlencode(s)
  print(e, urldecode(e) == s)
end
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function unhex(h) return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end)) end
print(hex("Lua\0\255"), unhex(hex("round")) == "round")
local function escape_pattern(s) return (s:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0")) end
print(escape_pattern("1+1=2? (yes) [ok] 100% $5 ^_^ a.b*c-d"))
print(("price: $5.00"):find(escape_pattern("$5.00")))
