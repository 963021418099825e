x = "a\0b
c"