for i = 1, 10 do
  while true do
    repeat
      break
    until true
    break
  end
  if i == 5 then break end
end
