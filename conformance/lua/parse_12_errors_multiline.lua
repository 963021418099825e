-- loadstring on invalid (and some valid) chunks; print the message
local function check(src)
  local f, err = loadstring(src)
  if f then print("ok") else print(err) end
end
check("x = 1\ny = 2\nz = = 3")
check("\n\n\n\nx =")
check("if x then\n\nelse\n\nelseif y then end")
check("local t = {\n  a = 1,\n  b = 2\n  c = 3\n}")
check("f(\n1,\n2,\n)")
check("while true do\n  x = 1\n  break\n  y = 2\nend")
check("for i = 1, 10 do\n  local x = 1\nend\nend")
check("x = [[\nunclosed\nlong string")
check("-- comment\n--[[ long\ncomment\n]]\nx = = 1")
check("a = 'unclosed\nb = 2")
