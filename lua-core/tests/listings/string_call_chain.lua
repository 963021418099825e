require "mod" "x" {1} ("y")
s:upper():lower()
