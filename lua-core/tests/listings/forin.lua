for k, v in pairs(t) do x = k end
for k in next, t do x = k end
for a, b, c, d in f() do x = d end
for i, v in ipairs(t) do local f = function() return v end end
