local i = 0
repeat i = i + 1 until i >= 10
repeat local j = i; i = j + 1 until j > 20
repeat local k = i; f(function() return k end) until k
repeat if i then break end until false
