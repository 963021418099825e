x = 'a\
b