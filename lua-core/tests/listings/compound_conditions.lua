local a, b, c, d = ...
if (a or b) and (c or d) then f() end
if a and not b or c and not d then f() end
while (a == 1 or b ~= 2) and not (c < d) do a = a - 1 end
local x = (a or b) and (c or d)
local y = not (a and b) or c
if not nil then f() end
if 1 == 1 then f() end
