# Starts redis-server on $REDIS_PORT and the release redmoon-server on $REDMOON_PORT,
# both on loopback, waits until both answer PING, and stops both (by pid) on exit.
# Sourced by the side-by-side benches after they cd to the repository root; sets
# $workdir (a temporary directory removed on exit), $redis_pidfile, $redis_pid and
# $redmoon_pid, and defines `cpu_ticks PID`.
# shellcheck shell=bash

workdir=$(mktemp -d)
redis_pidfile="/tmp/redis-$REDIS_PORT.pid"
redmoon_pid=""
stop_servers() {
    local pid
    if [[ -f "$redis_pidfile" ]]; then
        pid=$(cat "$redis_pidfile")
        kill "$pid" 2>/dev/null || true
        # It writes its log until it exits: wait (at most 5 s) before removing its dir.
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
    fi
    if [[ -n "$redmoon_pid" ]]; then
        kill "$redmoon_pid" 2>/dev/null || true
        wait "$redmoon_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap stop_servers EXIT

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$redis_pidfile" --dir "$workdir" --logfile "$workdir/redis.log"
target/release/redmoon-server --port "$REDMOON_PORT" 2>"$workdir/redmoon.log" &
redmoon_pid=$!
for port in "$REDIS_PORT" "$REDMOON_PORT"; do
    for attempt in $(seq 100); do
        redis-cli -p "$port" PING >/dev/null 2>&1 && break
        if [[ $attempt == 100 ]]; then
            echo "server on port $port did not start" >&2
            exit 1
        fi
        sleep 0.1
    done
done
redis_pid=$(cat "$redis_pidfile")

# CPU time process PID has used so far (user + system), in clock ticks.
cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}
