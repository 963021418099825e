local t = setmetatable({}, {
  __index = function() return "meta" end,
  __newindex = function() error("blocked") end,
  __eq = function() return true end,
  __len = function() return 100 end,
})
print(t.x, rawget(t, "x"))
print(pcall(function() t.y = 1 end))
print(rawset(t, "y", 2) == t, rawget(t, "y"), t.y)
local u = setmetatable({}, getmetatable(t))
print(t == u, rawequal(t, u), rawequal(t, t))
print(#t)
print(rawequal(1, 1), rawequal("a", "a"), rawequal(1, "1"), rawequal(nil, nil))
print(pcall(rawget, "s", 1))
print(pcall(rawget, {}))
print(pcall(rawset, {}, nil, 1))
print(pcall(rawset, {}, 0/0, 1))
print(pcall(rawset, {}, 1))
print(pcall(rawset, 1, 1, 1))
print(pcall(rawequal, 1))
print(pcall(rawequal))
print(rawget({10, 20}, 2), rawget({a = 1}, "a"))
print(select("#", rawget({}, "none")))
