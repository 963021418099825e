local values = {0, 0.5, 1, -1, math.pi / 6, math.pi / 4, math.pi / 2, math.pi, 2 * math.pi, 100, 1/0}
local fns = {"sin", "cos", "tan"}
for _, name in ipairs(fns) do
  local f = math[name]
  for _, v in ipairs(values) do
    local r = {pcall(f, v)}
    for i = 2, #r do r[i] = string.format("%.14g", r[i]) end
    print(name, string.format("%.14g", v), table.concat(r, " ", 2))
  end
end
