local a = 1
if a then x = 1 end
if a then x = 1 else x = 2 end
if a == 1 then x = 1 elseif a == 2 then x = 2 elseif a == 3 then x = 3 else x = 4 end
if not a then x = 5 end
if a and b then x = 6 end
if a or b then x = 7 end
if nil then x = 8 end
if true then x = 9 end
