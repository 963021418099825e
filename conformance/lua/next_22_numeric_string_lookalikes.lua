local t = {}
t[1] = "n1"; t["1"] = "s1"; t[2] = "n2"; t["2"] = "s2"; t["01"] = "s01"; t[1.5] = "n1.5"; t["1.5"] = "s1.5"
t[-1] = "n-1"; t["-1"] = "s-1"; t[10] = "n10"; t["10"] = "s10"
local out = {}
for k, v in pairs(t) do out[#out + 1] = type(k):sub(1, 1) .. ":" .. tostring(k) .. "=" .. v end
print(table.concat(out, " "))
print(t[1], t["1"], t[1.5], t["1.5"], t[01], t["01"])
local u = {}
for _, k in ipairs({"1", 1, "2", 2, "1.0", 1.0, "0x1", "01", 0x1}) do u[k] = (u[k] or 0) + 1 end
local keys = {}
for k, v in pairs(u) do keys[#keys + 1] = type(k):sub(1, 1) .. tostring(k) .. "x" .. v end
print(table.concat(keys, " "))
