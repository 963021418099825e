local a = 1
local function l1()
  local b = 2
  local function l2()
    local function l3()
      local function l4() return a + b end
      return l4
    end
    return l3
  end
  return l2
end
