local a = 1
if a == "x" then f() end
if "x" == a then f() end
if 1 < 2 then f() end
if a ~= nil then f() end
if a > 10 then f() end
x = a == true
