print("printed before error()")
error()
