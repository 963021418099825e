local t = 1234567890
print(os.date("!Date: %Y/%m/%d Time: %H-%M-%S", t))
print(os.date("!%A, %B %d, %Y at %I:%M %p", t))
print(os.date("!week %U/%W day %j weekday %w", t))
print(os.date("![%y] [%%] [%c]", t))
print(os.date("!%H%M%S%Y%m%d", t))
print(os.date("!no specifiers at all", t))
print(os.date("!%d%%%m", t))
print(#os.date("!%c", t), #os.date("!%x", t), #os.date("!%X", t))
