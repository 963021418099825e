for i = 1, 10 do x = i end
for i = 10, 1, -1 do x = i end
for i = a, b, c do local y = i * 2 end
for i = 1, 3 do for j = 1, 3 do x = i + j end end
for i = 1, 2 do break end
