# The scripts of issue 7's rows, for benches/script-benchmark.sh and
# benches/script-instructions.sh (sourced by both).
# shellcheck disable=SC2034
# name | script | arguments after the sha (numkeys, keys, args)
SCRIPTS=(
    "return-1|return 1|0"
    "rate-limiter|local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('expire', KEYS[1], 60) end if n > tonumber(ARGV[1]) then return 0 end return 1|1 rl:__rand_int__ 100"
    "lock-release|if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0|1 lock:__rand_int__ token"
    "20-calls|for i = 1, 10 do redis.call('set', KEYS[1], i) redis.call('get', KEYS[1]) end return 1|1 k:__rand_int__"
    "cjson|local o = cjson.decode(ARGV[1]) o.n = o.n + 1 return cjson.encode(o)|0 {\"n\":1,\"name\":\"redmoon\",\"tags\":[\"a\",\"b\",\"c\"],\"ok\":true}"
)
