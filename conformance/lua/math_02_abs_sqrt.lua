local values = {0, -0.0, 0.5, -0.5, 1, -1, 1.5, -1.5, 2.5, -2.5, 3, 10, -7.25, 1e15, -1e15, 2^53, 1e308, 1/0, -1/0, 0/0}
local fns = {"abs", "sqrt"}
for _, name in ipairs(fns) do
  local f = math[name]
  for _, v in ipairs(values) do
    local r = {pcall(f, v)}
    for i = 2, #r do r[i] = string.format("%.14g", r[i]) end
    print(name, string.format("%.14g", v), table.concat(r, " ", 2))
  end
end
