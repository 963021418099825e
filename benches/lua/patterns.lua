-- gsub, find and gmatch over generated text.
local words = {}
for i = 1, 2000 do words[i] = "word" .. (i % 97) end
local text = table.concat(words, " ")
function bench()
  local s, n = text:gsub("word(%d+)", "%1w")
  local c = 0
  for w in text:gmatch("%a+%d") do c = c + 1 end
  local pos = 1
  local found = 0
  while true do
    local a, b = text:find("word5%d", pos)
    if not a then break end
    found = found + 1
    pos = b + 1
  end
  return #s + n + c + found
end
