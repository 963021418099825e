local function wrap(text, width)
  local lines, line = {}, ""
  for word in text:gmatch("%S+") do
    if #line == 0 then line = word
    elseif #line + 1 + #word <= width then line = line .. " " .. word
    else lines[#lines + 1] = line line = word end
  end
  if #line > 0 then lines[#lines + 1] = line end
  return lines
end
local text = "The quick brown fox jumps over the lazy dog and keeps running far away into the distance"
for _, w in ipairs({10, 20, 40}) do
  print("width " .. w)
  for _, l in ipairs(wrap(text, w)) do print(string.format("|%-" .. w .. "s|", l)) end
end
