local t = {}
for i = 1, 200 do t[i] = math.sin(i) * 1000 end
local mn, mx = math.min(unpack(t)), math.max(unpack(t))
print(string.format("%.6f %.6f", mn, mx))
local lo, hi = math.huge, -math.huge
for _, v in ipairs(t) do lo = math.min(lo, v) hi = math.max(hi, v) end
print(lo == mn, hi == mx)
print(math.max(1, 2, 3, 2, 1), math.min(3, 2, 1, 2, 3), math.max(-1), math.min(-1))
print(math.max(-1/0, -1e308), math.min(1/0, 1e308))
print(math.max(2, "3"), math.min("-1", -2))
