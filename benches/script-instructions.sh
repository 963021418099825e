#!/usr/bin/env bash
# Instructions per EVALSHA: redmoon-server against redis-server, each under
# `valgrind --tool=callgrind`, for the rows of benches/script-benchmark.sh. Unlike
# requests/second, instruction counts do not move with the load of a shared machine.
# For each script and server: start the server under callgrind, SCRIPT LOAD, run
# `redis-benchmark -n $N -c $C EVALSHA ...`, stop it, and read the total; a run
# without requests is subtracted (start-up and shutdown). Prints instructions per
# request of each (all threads) and the ratio redis/redmoon (>= 1.0: redmoon runs
# fewer). Kernel time (system calls, thread wake-ups) is not counted.
#
# Usage: benches/script-instructions.sh   (env: REDIS_PORT REDMOON_PORT N C ONLY=<row>)
set -euo pipefail
set -f  # script arguments hold [ ] and must not glob

REDIS_PORT=${REDIS_PORT:-6425}
REDMOON_PORT=${REDMOON_PORT:-6426}
N=${N:-10000}
C=${C:-10}
ONLY=${ONLY:-}

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin redmoon-server
source benches/script-cases.sh

workdir=$(mktemp -d)
pid=""
cleanup() {
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    rm -rf "$workdir"
}
trap cleanup EXIT

# Instructions of one server run: `run SERVER SCRIPT ARGS REQUESTS`.
run() {
    local server=$1 script=$2 args=$3 requests=$4 port out="$workdir/callgrind.out"
    if [[ $server == redis ]]; then
        port=$REDIS_PORT
        valgrind --tool=callgrind --callgrind-out-file="$out" redis-server --port "$port" \
            --bind 127.0.0.1 --save '' --appendonly no --dir "$workdir" >/dev/null 2>&1 &
    else
        port=$REDMOON_PORT
        valgrind --tool=callgrind --callgrind-out-file="$out" \
            target/release/redmoon-server --port "$port" >/dev/null 2>&1 &
    fi
    pid=$!
    for _ in $(seq 300); do
        redis-cli -p "$port" PING >/dev/null 2>&1 && break
        sleep 0.1
    done
    local sha
    sha=$(redis-cli -p "$port" SCRIPT LOAD "$script")
    if ((requests > 0)); then
        # shellcheck disable=SC2086
        redis-benchmark -p "$port" -n "$requests" -c "$C" -r 100000 -q \
            EVALSHA "$sha" $args >/dev/null
    fi
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
    callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}

redis_base=$(run redis "return 1" 0 0)
redmoon_base=$(run redmoon "return 1" 0 0)
printf '%-14s %12s %12s %7s\n' script redis/req redmoon/req ratio
for entry in "${SCRIPTS[@]}"; do
    IFS='|' read -r name script args <<<"$entry"
    [[ -n $ONLY && $name != "$ONLY" ]] && continue
    r=$(($(run redis "$script" "$args" "$N") - redis_base))
    m=$(($(run redmoon "$script" "$args" "$N") - redmoon_base))
    printf '%-14s %12d %12d %7.2f\n' "$name" $((r / N)) $((m / N)) "$(awk "BEGIN{print $r / $m}")"
done
