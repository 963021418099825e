function a() end
function b.c() end
function b.c.d() end
function b.c:e() end
