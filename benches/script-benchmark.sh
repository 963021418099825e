#!/usr/bin/env bash
# Scripts through EVALSHA: redmoon-server against redis-server, side by side in one
# run (issue 7's script rows). Each script is loaded with SCRIPT LOAD on both servers,
# then `redis-benchmark -n $N -c $C -r 100000 -P <p> EVALSHA <sha> ...` runs against
# each, without pipelining (-P 1) and with 16 requests in flight per client (-P 16),
# alternating servers $ROUNDS times; the best requests/second of each and the ratio
# redmoon/redis are printed (>= 1.0: redmoon at least as fast). Without pipelining the
# single-threaded redis-benchmark itself limits both servers on a small machine (about
# 90k requests/s on two cores); -P 16 shows what each server can serve. Keys are
# randomised with __rand_int__. Both servers are stopped (by pid) on exit.
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

declare -A best
for ((round = 0; round < ROUNDS; round++)); do
    for entry in "${SCRIPTS[@]}"; do
        IFS='|' read -r name script args <<<"$entry"
        for pipeline in 1 16; do
            for port in "$REDIS_PORT" "$REDMOON_PORT"; do
                sha=$(redis-cli -p "$port" SCRIPT LOAD "$script")
                # shellcheck disable=SC2086
                rps=$(redis-benchmark -p "$port" -n "$((N * (pipeline > 1 ? 2 : 1)))" -c "$C" \
                    -P "$pipeline" -r 100000 -q EVALSHA "$sha" $args | tr '\r' '\n' |
                    grep -o '[0-9.]* requests per second' | tail -1 | cut -d' ' -f1)
                key="$name,$pipeline,$port"
                if [[ -z "${best[$key]:-}" ]] || awk "BEGIN{exit !($rps > ${best[$key]})}"; then
                    best[$key]=$rps
                fi
            done
        done
    done
done

printf '%-14s %10s %10s %6s %10s %10s %6s\n' script 'redis P1' 'redmoon P1' ratio \
    'redis P16' 'redmoon P16' ratio
for entry in "${SCRIPTS[@]}"; do
    name=${entry%%|*}
    row=$(printf '%-14s' "$name")
    for pipeline in 1 16; do
        r=${best[$name,$pipeline,$REDIS_PORT]}
        m=${best[$name,$pipeline,$REDMOON_PORT]}
        row+=$(printf ' %10.0f %10.0f %6.2f' "$r" "$m" "$(awk "BEGIN{print $m / $r}")")
    done
    echo "$row"
done
