local obj = {}
function obj:get() return self.v end
function obj.set(self, v) self.v = v end
obj:set(10)
local v = obj:get()
a.b.c:d(1, 2)
