#!/usr/bin/env bash
# Scripts through EVALSHA: redmoon-server against redis-server, side by side in one
# run (issue 7's script rows). Each script is loaded with SCRIPT LOAD on both servers,
# then `redis-benchmark -n $N -c $C -r 100000 EVALSHA <sha> ...` runs against each,
# alternating servers $ROUNDS times; the best requests/second of each and the ratio
# redmoon/redis are printed (>= 1.0: redmoon at least as fast). Keys are randomised
# with __rand_int__. Both servers are stopped (by pid) on exit.
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
        for port in "$REDIS_PORT" "$REDMOON_PORT"; do
            sha=$(redis-cli -p "$port" SCRIPT LOAD "$script")
            # shellcheck disable=SC2086
            rps=$(redis-benchmark -p "$port" -n "$N" -c "$C" -r 100000 -q \
                EVALSHA "$sha" $args | tr '\r' '\n' |
                grep -o '[0-9.]* requests per second' | tail -1 | cut -d' ' -f1)
            key="$name,$port"
            if [[ -z "${best[$key]:-}" ]] || awk "BEGIN{exit !($rps > ${best[$key]})}"; then
                best[$key]=$rps
            fi
        done
    done
done

printf '%-14s %12s %12s %7s\n' script redis redmoon ratio
for entry in "${SCRIPTS[@]}"; do
    name=${entry%%|*}
    r=${best[$name,$REDIS_PORT]}
    m=${best[$name,$REDMOON_PORT]}
    printf '%-14s %12.0f %12.0f %7.2f\n' "$name" "$r" "$m" "$(awk "BEGIN{print $m / $r}")"
done
