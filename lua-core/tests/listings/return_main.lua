local a = 1
return a, 2, 3
