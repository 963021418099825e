local z = 0
local nz = -z
print(math.abs(nz), 1 / math.abs(nz))
print(math.abs(-5), math.abs(5), math.abs(-0.25), math.abs(-1/0))
print(math.floor(nz), math.ceil(nz), 1 / math.floor(nz))
print(math.max(nz, z), math.min(z, nz))
print(nz == z, tostring(nz), string.format("%g", nz), string.format("%.1f", nz))
print(math.sqrt(nz), math.fmod(nz, 1), nz % 1)
print(math.abs(-2^53), math.abs(2^-1074) > 0, math.abs("-3"))
print(pcall(math.abs), pcall(math.abs, {}))
