#!/usr/bin/env bash
# Scripts through EVALSHA: redmoon-server against redis-server, side by side in one
# run (issue 7's script rows). Each script is loaded with SCRIPT LOAD on both servers,
# then `redis-benchmark -n $N -c $C -r 100000 -P <p> EVALSHA <sha> ...` runs against
# each, without pipelining (-P 1) and with 16 requests in flight per client (-P 16),
# alternating servers $ROUNDS times; the best requests/second of each and the ratio
# redmoon/redis are printed (>= 1.0: redmoon at least as fast). Without pipelining the
# single-threaded redis-benchmark itself limits both servers on a small machine (about
# 90k requests/s on two cores), and with -P 16 it may still be the limit for cheap
# scripts; so the server's own CPU time (user + system, from /proc) per request of the
# -P 16 runs (5 x $N requests, so that 10 ms ticks measure it well) is printed too, the
# least of the rounds (ratio redis/redmoon: >= 1.0, redmoon spends less). Keys are randomised with __rand_int__. Both servers are stopped
# (by pid) on exit.
#
# Usage: benches/script-benchmark.sh    (env: REDIS_PORT REDMOON_PORT N C ROUNDS)
set -euo pipefail
set -f  # script arguments hold [ ] and must not glob

REDIS_PORT=${REDIS_PORT:-6425}
REDMOON_PORT=${REDMOON_PORT:-6426}
N=${N:-100000}
C=${C:-50}
ROUNDS=${ROUNDS:-2}

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin redmoon-server

source benches/servers.sh
source benches/script-cases.sh

declare -A best cpu
for ((round = 0; round < ROUNDS; round++)); do
    for entry in "${SCRIPTS[@]}"; do
        IFS='|' read -r name script args <<<"$entry"
        for pipeline in 1 16; do
            for port in "$REDIS_PORT" "$REDMOON_PORT"; do
                sha=$(redis-cli -p "$port" SCRIPT LOAD "$script")
                pid=$redmoon_pid
                [[ $port == "$REDIS_PORT" ]] && pid=$redis_pid
                requests=$((N * (pipeline > 1 ? 5 : 1)))
                ticks=$(cpu_ticks "$pid")
                # shellcheck disable=SC2086
                rps=$(redis-benchmark -p "$port" -n "$requests" -c "$C" \
                    -P "$pipeline" -r 100000 -q EVALSHA "$sha" $args | tr '\r' '\n' |
                    grep -o '[0-9.]* requests per second' | tail -1 | cut -d' ' -f1)
                ticks=$(($(cpu_ticks "$pid") - ticks))
                key="$name,$pipeline,$port"
                if [[ -z "${best[$key]:-}" ]] || awk "BEGIN{exit !($rps > ${best[$key]})}"; then
                    best[$key]=$rps
                fi
                us=$(awk "BEGIN{print $ticks * 1000000 / $(getconf CLK_TCK) / $requests}")
                if [[ -z "${cpu[$key]:-}" ]] || awk "BEGIN{exit !($us < ${cpu[$key]})}"; then
                    cpu[$key]=$us
                fi
            done
        done
    done
done

printf '%-14s %10s %10s %6s %10s %10s %6s %9s %9s %6s\n' script 'redis P1' 'redmoon P1' \
    ratio 'redis P16' 'redmoon P16' ratio 'redis us' 'redmoon us' ratio
for entry in "${SCRIPTS[@]}"; do
    name=${entry%%|*}
    row=$(printf '%-14s' "$name")
    for pipeline in 1 16; do
        r=${best[$name,$pipeline,$REDIS_PORT]}
        m=${best[$name,$pipeline,$REDMOON_PORT]}
        row+=$(printf ' %10.0f %10.0f %6.2f' "$r" "$m" "$(awk "BEGIN{print $m / $r}")")
    done
    r=${cpu[$name,16,$REDIS_PORT]}
    m=${cpu[$name,16,$REDMOON_PORT]}
    row+=$(printf ' %9.2f %9.2f %6.2f' "$r" "$m" "$(awk "BEGIN{print $r / $m}")")
    echo "$row"
done
