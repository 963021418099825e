#!lua name=mylib
redis.register_function('myfunc', function(keys, args) return redis.call('get', keys[1]) end)
redis.register_function{function_name='myfunc_ro', callback=function(keys, args) return redis.call('get', keys[1]) end, flags={'no-writes'}, description='reads a key'}