#!/usr/bin/env bash
# Memory of redmoon against the references, side by side in one run.
#
# 1. Peak resident memory of the allocation-heavy binary-trees workload
#    (benches/lua/binary_trees.lua: a depth-16 tree kept alive while 20 depth-14 trees
#    are built, walked and dropped) under `lua5.1` and the
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
source benches/servers.sh

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n1; }
trees="dofile('benches/lua/binary_trees.lua') print(bench(14, 20, 16))"
puc=$(peak_kb lua5.1 -e "$trees")
ours=$(peak_kb target/release/redmoon-lua -e "$trees")
printf '%-28s %12s %12s %7s\n' workload redmoon reference ratio
printf '%-28s %9s KB %9s KB %7s\n' "binary-trees peak RSS" "$ours" "$puc" "$(ratio "$ours" "$puc")"

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
