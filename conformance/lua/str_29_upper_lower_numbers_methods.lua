local n = 255
print(string.format("%x", n):upper(), ("0x" .. string.format("%x", n)):upper())
print(tostring(1e100):upper(), tostring(-0.5):lower())
print(string.upper(123), string.lower(-45.5))
print(("abc"):upper():byte(1, -1))
print(("ABC"):lower():rep(2, "-"))
print(#("x"):rep(10):upper())
print(("%d items"):format(3):upper(), ("ÀB"):lower() == "Àb")
