#!/usr/bin/env bash
# Instructions per workload: the release `redmoon-lua` against `lua5.1` (PUC-Rio Lua
# 5.1), each under `valgrind --tool=callgrind`, running a benches/lua/*.lua workload
# followed by one `bench()` call (as benches/vm.rs calls it: no arguments). Start-up is
# included in both. Unlike wall-clock time, instruction counts do not move with the load
# of a shared machine. Prints PUC's and redmoon's totals, the ratio redmoon/PUC (<= 1.0:
# redmoon runs fewer) and the geometric mean of the ratios.
#
# Usage: benches/vm-instructions.sh [workload...]   (default: every benches/lua/*.lua)
set -euo pipefail

cd "$(dirname "$0")/.."
cargo build --release --quiet --bin redmoon-lua

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# Instructions of one run: `count PROGRAM SCRIPT`.
count() {
    local out="$workdir/callgrind.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$1" "$2" >/dev/null 2>&1
    callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}

if (($# > 0)); then
    names=("$@")
else
    names=()
    for f in benches/lua/*.lua; do
        names+=("$(basename "$f" .lua)")
    done
fi

printf '%-16s %12s %12s %7s\n' workload puc redmoon ratio
log_sum=0
for name in "${names[@]}"; do
    script="$workdir/$name.lua"
    { cat "benches/lua/$name.lua"; printf '\nbench()\n'; } >"$script"
    puc=$(count lua5.1 "$script")
    ours=$(count target/release/redmoon-lua "$script")
    ratio=$(awk "BEGIN {printf \"%.3f\", $ours / $puc}")
    log_sum=$(awk "BEGIN {print $log_sum + log($ours / $puc)}")
    printf '%-16s %12d %12d %7s\n' "$name" "$puc" "$ours" "$ratio"
done
awk "BEGIN {printf \"geomean %.3f over %d workloads\n\", exp($log_sum / ${#names[@]}), ${#names[@]}}"
