-- results must not depend on whether the compiler folds constants
print(2 + 3 * 4 - 1, 10 / 4, 2 ^ 10, 7 % 4, -(-3))
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0, 1 % 0 ~= 1 % 0)
print("a" .. "b" .. 1 .. 2, 3 .. "" == "3")
print(not true, not nil, not 1, #"const")
print(1 == 1, 1 < 2, "a" < "b", nil == false)
local one = 1
print(one + 2 * 3, (one + 2) * 3, one / 0, -one ^ 2)
print(2 ^ 53 + 1 - 2 ^ 53, 1e308 + 1e308, -(0 / 0) ~= -(0 / 0))
print(5 % -3, -5 % 3, 5.5 % -2, 2 ^ -1, (-8) ^ (1 / 3) ~= (-8) ^ (1 / 3))
print(0.1 * 3, 0.3 / 0.1, 1e15 * 10, 123456789 * 1000000)
