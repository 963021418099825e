local values = {0, 0.5, -0.5, 1, -1, 10, -10, 100, 1/0}
local fns = {"sinh", "cosh", "tanh"}
for _, name in ipairs(fns) do
  local f = math[name]
  for _, v in ipairs(values) do
    local r = {pcall(f, v)}
    for i = 2, #r do r[i] = string.format("%.14g", r[i]) end
    print(name, string.format("%.14g", v), table.concat(r, " ", 2))
  end
end
