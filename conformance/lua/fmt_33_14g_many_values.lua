-- %.14g (tostring) over many deterministic values of every magnitude
local seed = 42
local function rnd() seed = (seed * 16807) % 2147483647 return seed / 2147483647 end
local out = {}
for i = 1, 120 do
  local e = math.floor(rnd() * 60) - 30
  local v = (rnd() - 0.5) * 10 ^ e
  out[#out + 1] = tostring(v)
  if #out == 6 then print(table.concat(out, " ")) out = {} end
end
for i = 1, 20 do
  local v = math.floor(rnd() * 1e6) / 1000
  io.write(tostring(v), " ", string.format("%.3f", v), " | ")
  if i % 4 == 0 then print() end
end
