-- gsub over character classes
local function show(label, ok, ...)
  local out = {}
  for i = 1, select("#", ...) do out[#out + 1] = tostring((select(i, ...))) end
  print(label, ok and "ok" or "err", "[" .. table.concat(out, "] [") .. "]")
end
show("%a -> *", pcall(string.gsub, "Hello World 42!", "%a", "*"))
show("%A -> *", pcall(string.gsub, "Hello World 42!", "%A", "*"))
show("%d -> #", pcall(string.gsub, "Hello World 42!", "%d", "#"))
show("%l+ -> l", pcall(string.gsub, "Hello World 42!", "%l+", "l"))
show("%u -> U", pcall(string.gsub, "Hello World 42!", "%u", "U"))
show("%p -> P", pcall(string.gsub, "Hello World 42!", "%p", "P"))
show("%s -> _", pcall(string.gsub, "Hello World 42!", "%s", "_"))
show("%w+ -> w", pcall(string.gsub, "Hello World 42!", "%w+", "w"))
show("%x -> x", pcall(string.gsub, "Hello World 42!", "%x", "x"))
show("%z -> 0", pcall(string.gsub, "a\0b\0c", "%z", "0"))
show("%c -> C", pcall(string.gsub, "a\1b\2c", "%c", "C"))
show("%s+ ->  ", pcall(string.gsub, "  lots   of   space  ", "%s+", " "))
show("(%u) ->  %1", pcall(string.gsub, "CamelCaseString", "(%u)", " %1"))
show("_(%a) -> %1", pcall(string.gsub, "snake_case_here", "_(%a)", "%1"))
show(", -> ", pcall(string.gsub, "1,234,567", ",", ""))
show("%d+ -> <%0>", pcall(string.gsub, "a1b22c333", "%d+", "<%0>"))
