local words = {"banana", "apple", "Apple", "cherry", "apple pie", "", "a", "b", "B", "10", "9", "~", "!"}
table.sort(words)
print(table.concat(words, "|"))
print("a" < "b", "a" <= "a", "b" > "a", "abc" >= "abd")
print("\0" < "\1", "a\0" > "a", "\255" > "\127")
print(("x"):rep(100) < ("x"):rep(101), ("y"):rep(5) > ("x"):rep(100))
print("Z" < "a", "z" < "~", " " < "!")
