local function f(...)
  local t = {..., 1, ...}
  local u = {n = select("#", ...), ...}
  return {...}, ...
end
