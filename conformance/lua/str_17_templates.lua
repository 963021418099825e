local function render(tpl, vars)
  return (tpl:gsub("{{%s*([%w_]+)%s*}}", function(k)
    local v = vars[k]
    if v == nil then return "{{" .. k .. "}}" end
    return tostring(v)
  end))
end
print(render("Hello, {{name}}! You are {{ age }} years old.", {name = "Ann", age = 30}))
print(render("{{missing}} and {{present}}", {present = true}))
print(render("no placeholders", {}))
print(render("{{a}}{{b}}{{a}}", {a = 1, b = 2}))
local function interp(s, t) return (s:gsub("%$(%b{})", function(w) return t[w:sub(2, -2)] or w end)) end
print(interp("x=${x}, y=${y}, z=${z}", {x = 1, y = "two"}))
