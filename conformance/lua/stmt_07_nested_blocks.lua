local out = {}
for i = 1, 3 do
  if i ~= 2 then
    local j = 0
    while j < i do
      j = j + 1
      repeat
        do
          local k = i * 10 + j
          out[#out + 1] = k
        end
      until true
    end
  else
    out[#out + 1] = "skip"
  end
end
print(table.concat(out, " "))
local function deep(n)
  if n > 0 then
    do
      do
        do return deep(n - 1) + 1 end
      end
    end
  end
  return 0
end
print(deep(50))
local x = 0
do local x = 5; do local x = x + 1; x = x * 2 end end
print(x)
