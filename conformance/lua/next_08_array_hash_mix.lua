local function dump(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) .. ":" .. tostring(v) end
  return table.concat(out, " ")
end
local t = {1, 2, 3}
t[5] = 5
print(dump(t))
t[4] = 4
print(dump(t))
local u = {}
u[3] = "c"; u[2] = "b"; u[1] = "a"
print(dump(u), #u)
local w = {n = 1, 1, 2, [3] = 3, [4] = 4}
print(dump(w))
local x = {[1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6}
print(dump(x))
local y = {}
for i = 1, 10 do y[i] = i end
for i = 1, 10 do if i % 3 == 0 then y[i] = nil end end
print(dump(y))
local z = {}
z[1] = 1; z[2] = 2; z[4] = 4; z[8] = 8; z[16] = 16; z[32] = 32
print(dump(z))
local fl = {}
fl[1] = "a"; fl[2.0] = "b"; fl["3"] = "c"; fl[3] = "d"
print(dump(fl))
