print("start")
error({code = 1})
