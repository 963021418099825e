#!/usr/bin/env bash
# Throughput of redmoon-server against redis-server, side by side in one run.
#
# Starts both servers on loopback (redis-server on $REDIS_PORT, the release build of
# redmoon-server on $REDMOON_PORT), runs `redis-benchmark -t set,get,incr -n $N -c $C`
# with -P 1 and -P 16 against each, alternating servers $ROUNDS times so that drift on
# a shared machine hits both alike, and prints the best requests/second of each with
# the ratio redmoon/redis (>= 1.0 means redmoon is at least as fast). Both servers are
# stopped (by pid) on exit.
#
# Usage: benches/redis-benchmark.sh        (env: REDIS_PORT REDMOON_PORT N C ROUNDS TESTS)
set -euo pipefail

REDIS_PORT=${REDIS_PORT:-6423}
REDMOON_PORT=${REDMOON_PORT:-6424}
N=${N:-200000}
C=${C:-50}
ROUNDS=${ROUNDS:-3}
TESTS=${TESTS:-set,get,incr}

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin redmoon-server

source benches/servers.sh

# best[server,pipeline,test] = highest requests/second seen.
declare -A best
run() { # server port pipeline
    local line test rps
    while IFS= read -r line; do
        test=$(cut -d, -f1 <<<"$line" | tr -d '"')
        rps=$(cut -d, -f2 <<<"$line" | tr -d '"')
        [[ "$test" == "test" ]] && continue
        local key="$1,$3,$test"
        if [[ -z "${best[$key]:-}" ]] || awk -v a="$rps" -v b="${best[$key]}" 'BEGIN{exit !(a>b)}'; then
            best[$key]=$rps
        fi
    done < <(redis-benchmark -p "$2" -t "$TESTS" -n "$N" -c "$C" -P "$3" --csv 2>/dev/null)
}

for pipeline in 1 16; do
    for round in $(seq "$ROUNDS"); do
        # Alternate which server goes first.
        if (( round % 2 )); then
            run redis "$REDIS_PORT" "$pipeline"
            run redmoon "$REDMOON_PORT" "$pipeline"
        else
            run redmoon "$REDMOON_PORT" "$pipeline"
            run redis "$REDIS_PORT" "$pipeline"
        fi
    done
done

printf '%-6s %-4s %14s %14s %7s\n' test "-P" "redmoon rps" "redis rps" ratio
for pipeline in 1 16; do
    for test in $(tr ',' ' ' <<<"${TESTS^^}"); do
        ours=${best[redmoon,$pipeline,$test]:-0}
        theirs=${best[redis,$pipeline,$test]:-0}
        ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }')
        printf '%-6s %-4s %14s %14s %7s\n' "$test" "$pipeline" "$ours" "$theirs" "$ratio"
    done
done
