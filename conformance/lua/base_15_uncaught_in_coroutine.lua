local gen = coroutine.wrap(function() coroutine.yield(1) error("from coroutine") end)
print(gen())
gen()
