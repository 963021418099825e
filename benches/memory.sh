#!/usr/bin/env bash
# Memory of redmoon against the references, side by side in one run.
#
# 1. Peak resident memory of the allocation-heavy binary-trees workload (a depth-16 tree
#    kept alive while 20 depth-14 trees are built and walked) under `lua5.1` and the
#    release `redmoon-lua`, from /usr/bin/time's maximum resident set size.
# 2. Resident memory of redis-server and the release redmoon-server after loading
#    1,000,000 small string keys with `redis-benchmark -t set -r 1000000 -n 2000000`
#    (VmRSS from /proc), on loopback ports $REDIS_PORT and $REDMOON_PORT. Both servers
#    are stopped (by pid) on exit.
#
# Prints each figure and the ratio redmoon/reference (<= 1.0 means redmoon uses no more).
# Usage: benches/memory.sh        (env: REDIS_PORT REDMOON_PORT KEYS)
set -euo pipefail

REDIS_PORT=${REDIS_PORT:-6425}
REDMOON_PORT=${REDMOON_PORT:-6426}
KEYS=${KEYS:-1000000}

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin redmoon-server --bin redmoon-lua

workdir=$(mktemp -d)
redis_pidfile="/tmp/redis-$REDIS_PORT.pid"
redmoon_pid=""
cleanup() {
    if [[ -f "$redis_pidfile" ]]; then
        kill "$(cat "$redis_pidfile")" 2>/dev/null || true
    fi
    if [[ -n "$redmoon_pid" ]]; then
        kill "$redmoon_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cat >"$workdir/trees.lua" <<'EOF'
local function make(d)
  if d == 0 then return {} end
  d = d - 1
  return {make(d), make(d)}
end
local function check(t)
  if t[1] then return 1 + check(t[1]) + check(t[2]) end
  return 1
end
local long = make(16)
local total = 0
for i = 1, 20 do total = total + check(make(14)) end
print(total + check(long))
EOF
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n1; }
puc=$(peak_kb lua5.1 "$workdir/trees.lua")
ours=$(peak_kb target/release/redmoon-lua "$workdir/trees.lua")
printf '%-28s %12s %12s %7s\n' workload redmoon reference ratio
printf '%-28s %9s KB %9s KB %7s\n' "binary-trees peak RSS" "$ours" "$puc" "$(ratio "$ours" "$puc")"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$redis_pidfile" --dir "$workdir" --logfile "$workdir/redis.log"
target/release/redmoon-server --port "$REDMOON_PORT" 2>"$workdir/redmoon.log" &
redmoon_pid=$!
wait_for() {
    for _ in $(seq 100); do
        if redis-cli -p "$1" PING >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    echo "server on port $1 did not start" >&2
    exit 1
}
wait_for "$REDIS_PORT"
wait_for "$REDMOON_PORT"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
load() { redis-benchmark -p "$1" -t set -r "$KEYS" -n $((KEYS * 2)) -P 16 -q >/dev/null; }
load "$REDIS_PORT"
load "$REDMOON_PORT"
redis_keys=$(redis-cli -p "$REDIS_PORT" DBSIZE)
redmoon_keys=$(redis-cli -p "$REDMOON_PORT" DBSIZE)
redis_rss=$(rss_kb "$(cat "$redis_pidfile")")
redmoon_rss=$(rss_kb "$redmoon_pid")
printf '%-28s %9s KB %9s KB %7s\n' "server RSS, ~$KEYS keys" "$redmoon_rss" "$redis_rss" \
    "$(ratio "$redmoon_rss" "$redis_rss")"
echo "(keys loaded: redmoon $redmoon_keys, redis $redis_keys)"
