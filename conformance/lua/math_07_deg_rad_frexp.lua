local values = {0, 1, -1, 90, 180, math.pi, 0.5, 1024, 3, -6, 1e-300, 1/0}
local fns = {"deg", "rad", "frexp"}
for _, name in ipairs(fns) do
  local f = math[name]
  for _, v in ipairs(values) do
    local r = {pcall(f, v)}
    for i = 2, #r do r[i] = string.format("%.14g", r[i]) end
    print(name, string.format("%.14g", v), table.concat(r, " ", 2))
  end
end
