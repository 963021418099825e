local function classify(x)
  if x == nil then return "nil"
  elseif x == false then return "false"
  elseif type(x) == "number" then
    if x < 0 then return "neg" elseif x == 0 then return "zero" else return "pos" end
  else return "other" end
end
for _, v in ipairs({1, 0, -1, "s"}) do print(v, classify(v)) end
print(classify(nil), classify(false))
if 0 then print("0 is true") end
if "" then print("empty string is true") end
if not nil then print("not nil") end
local x = 3
if x > 1 then x = x * 2 end
print(x)
if x == 6 then elseif x == 7 then print("no") end
local y
if false then y = 1 else y = 2 end
print(y)
