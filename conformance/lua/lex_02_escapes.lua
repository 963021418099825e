-- every escape sequence
local s = "\a\b\f\n\r\t\v\\\"\'"
for i = 1, #s do io.write(s:byte(i), " ") end print()
print("decimal", "\65\066\0671", #"\0", ("\0"):byte())
print("ddd-3", "\1234", #"\1234", ("\1234"):byte(1))
print("max", ("\255"):byte(), #"\255\254")
print("zero-inside", #"a\0b\0c")
local t = "line1\
line2"
print("backslash-newline", #t, t:byte(6))
print("single-quote", 'it\'s', 'say "hi"')
print("double", "say \"hi\"", "it's")
print("unknown-escape", "\q\w", #"\q")
print("bytes", ("\200\201\202"):byte(1, -1))
print(loadstring('return "\\256"'))
print(loadstring('return "abc'))
print(loadstring("return 'abc\ndef'"))
print(loadstring('return "\\300"'))
print("nul-mid", ("x\0y"):len(), ("x\0y"):sub(3))
print("\x41 is not hex in 5.1")
print("digits", "\49\50\51", "\0491")
