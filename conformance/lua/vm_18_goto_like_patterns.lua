-- continue emulation and nested breaks (no goto in 5.1)
local out = {}
for i = 1, 10 do
  repeat
    if i % 2 == 0 then break end
    if i == 7 then break end
    out[#out + 1] = i
  until true
end
print(table.concat(out, " "))
local found
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then found = i .. "x" .. j break end
  end
  if found then break end
end
print(found)
local n = 0
while true do
  n = n + 1
  local stop = false
  for k = 1, 3 do if n * k > 10 then stop = true break end end
  if stop then break end
end
print(n)
