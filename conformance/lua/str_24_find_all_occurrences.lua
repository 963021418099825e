local function find_all(s, p, plain)
  local res, init = {}, 1
  while true do
    local a, b = s:find(p, init, plain)
    if not a then break end
    res[#res + 1] = a .. "-" .. b
    init = b >= a and b + 1 or a + 1
    if init > #s + 1 then break end
  end
  return table.concat(res, " ")
end
print(find_all("banana", "an"))
print(find_all("banana", "a"))
print(find_all("banana", "ana"))
print(find_all("aaaa", "aa"))
print(find_all("a.b.c", ".", true))
print(find_all("a.b.c", "."))
print(find_all("abc", ""))
print(find_all("x1y22z333", "%d+"))
