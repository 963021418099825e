local s = "hello world"
print(string.len(s), #s, string.len(""), string.len("\0\0"))
local cases = {{1}, {1, 5}, {7}, {-5}, {-5, -2}, {0}, {0, 0}, {3, 2}, {5, 100}, {-100, 3}, {100}, {-1}, {2, -2}, {12}, {11, 11}, {-11, 1}, {-12, 1}, {1.9, 3.2}}
for _, c in ipairs(cases) do
  print("sub(" .. table.concat(c, ",") .. ")", "[" .. s:sub(c[1], c[2]) .. "]")
end
print(("abc"):sub(2, 2), ("abc"):sub(-1), (""):sub(1, 1) == "")
print(pcall(string.sub))
print(pcall(string.sub, "x"))
print(pcall(string.sub, "x", "a"))
print(pcall(string.sub, "x", 1, {}))
print(string.sub(12345, 2, 3))
