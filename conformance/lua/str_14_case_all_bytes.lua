local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local up, low = s:upper(), s:lower()
local changed_up, changed_low = {}, {}
for i = 1, 256 do
  if up:byte(i) ~= s:byte(i) then changed_up[#changed_up + 1] = i - 1 end
  if low:byte(i) ~= s:byte(i) then changed_low[#changed_low + 1] = i - 1 end
end
print(#changed_up, changed_up[1], changed_up[#changed_up])
print(#changed_low, changed_low[1], changed_low[#changed_low])
local classes = {"%a", "%c", "%d", "%l", "%p", "%s", "%u", "%w", "%x"}
for _, c in ipairs(classes) do
  local n = select(2, s:gsub(c, ""))
  local first = s:find(c)
  print(c, n, first - 1)
end
