print("ok so far")
error("no position here", 0)
