while a and b or c do f() end
while not a do f() end
while a == b do f() end
repeat f() until a and b
repeat f() until not a or b
