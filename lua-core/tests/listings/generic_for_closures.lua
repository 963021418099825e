for k, v in pairs(t) do
  f(function() return k, v end)
end
