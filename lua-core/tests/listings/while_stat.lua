local i = 0
while i < 10 do i = i + 1 end
while true do if i > 20 then break end i = i + 1 end
while nil do end
while i do local j = i break end
