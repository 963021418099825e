for i = 0.5, 2.5, 0.5 do f(i) end
for i = #t, 1, -1 do t[i] = nil end
