local function outer()
  local x = 1
  local function middle()
    local y = 2
    local function inner()
      return x + y
    end
    return inner
  end
  return middle
end
