local x = ...
if x == 1 then a = 1
elseif x == 2 then a = 2
elseif x == 3 then a = 3
elseif x == 4 then a = 4
else a = 5 end
