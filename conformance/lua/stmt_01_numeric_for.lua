local function run(a, b, c)
  local out = {}
  if c then
    for i = a, b, c do out[#out + 1] = tostring(i) if #out > 20 then break end end
  else
    for i = a, b do out[#out + 1] = tostring(i) if #out > 20 then break end end
  end
  print(a, b, c, "->", table.concat(out, " "))
end
run(1, 5)
run(5, 1)
run(5, 1, -1)
run(1, 2, 0.25)
run(0, 1, 0.1)
run(1, 0, -0.3)
run(1, 1)
run(1, 1, -1)
run(-3, 3, 2)
run(10, 1, -3)
run(1.5, 4)
run("1", "3", "1")
run(1, 3.9)
run(2^53 - 3, 2^53 - 1)
for i = 1, 3 do local j = i * 2 i = j end
local last
for i = 1, 3 do last = i end
print("last", last, i)
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for i = 1, "x" do end end))
print(pcall(function() for i = 1, 2, {} do end end))
print(pcall(function() for i = 1, 2, nil do end end))
local n = 0
for i = 1, 0.5 do n = n + 1 end
print("none", n)
local count = 0
for i = 1, 10, 0.5 do count = count + 1 end
print("half", count)
