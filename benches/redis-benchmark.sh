#!/usr/bin/env bash
# Throughput of redmoon-server against redis-server, side by side in one run.
#
# Starts both servers on loopback (redis-server on $REDIS_PORT, the release build of
# redmoon-server on $REDMOON_PORT), runs `redis-benchmark -t set,get,incr -n $N -c $C`
# with -P 1 and -P 16 against each, alternating servers $ROUNDS times so that drift on
# a shared machine hits both alike, and prints the best requests/second of each with
# the ratio redmoon/redis (>= 1.0 means redmoon is at least as fast), and each server's
# own CPU time (user + system, from /proc) per request, the least of the rounds, with
# the ratio redis/redmoon (>= 1.0: redmoon spends less): at -P 1 both servers, and at
# -P 16 often both, run as fast as the single-threaded redis-benchmark can send on a
# small machine, so the rates alone say little. Both servers are stopped (by pid) on
# exit.
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

# best[server,pipeline,test] = highest requests/second seen; cpu[...] = least CPU
# microseconds per request.
declare -A best cpu
run() { # server port pipeline
    local pid=$redmoon_pid test rps ticks us key
    [[ $1 == redis ]] && pid=$redis_pid
    # Pipelined runs are short: more requests keep the CPU time (10 ms ticks) exact.
    local requests=$((N * ($3 > 1 ? 5 : 1)))
    for test in $(tr ',' ' ' <<<"$TESTS"); do
        ticks=$(cpu_ticks "$pid")
        rps=$(redis-benchmark -p "$2" -t "$test" -n "$requests" -c "$C" -P "$3" --csv 2>/dev/null |
            awk -F, 'NR == 2 {gsub("\"", "", $2); print $2}')
        ticks=$(($(cpu_ticks "$pid") - ticks))
        key="$1,$3,${test^^}"
        if [[ -z "${best[$key]:-}" ]] || awk -v a="$rps" -v b="${best[$key]}" 'BEGIN{exit !(a>b)}'; then
            best[$key]=$rps
        fi
        us=$(awk "BEGIN{print $ticks * 1000000 / $(getconf CLK_TCK) / $requests}")
        if [[ -z "${cpu[$key]:-}" ]] || awk "BEGIN{exit !($us < ${cpu[$key]})}"; then
            cpu[$key]=$us
        fi
    done
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

printf '%-6s %-4s %12s %12s %6s %10s %10s %6s\n' test "-P" "redmoon rps" "redis rps" ratio \
    "redmoon us" "redis us" ratio
for pipeline in 1 16; do
    for test in $(tr ',' ' ' <<<"${TESTS^^}"); do
        key=$pipeline,$test
        ours=${best[redmoon,$key]:-0}
        theirs=${best[redis,$key]:-0}
        ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }')
        cpu_ratio=$(awk -v a="${cpu[redmoon,$key]}" -v b="${cpu[redis,$key]}" \
            'BEGIN{ if (a > 0) printf "%.2f", b/a; else print "n/a" }')
        printf '%-6s %-4s %12.0f %12.0f %6s %10.2f %10.2f %6s\n' "$test" "$pipeline" "$ours" \
            "$theirs" "$ratio" "${cpu[redmoon,$key]}" "${cpu[redis,$key]}" "$cpu_ratio"
    done
done
