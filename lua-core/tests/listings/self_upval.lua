local t = {}
function t:f()
  return function() return self end
end
