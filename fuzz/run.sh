#!/usr/bin/env bash
# Runs every fuzz target for N seconds each (default 600), one after another.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the targets use libFuzzer's
# sanitizer flags, which a stable toolchain accepts with RUSTC_BOOTSTRAP=1.
# Crashes land in fuzz/artifacts/<target>/; each one found becomes a
# regression test in `cargo test` (tests/server_adversarial.rs for what a script
# or a client can send, the crate's own tests otherwise).
# A target that finds a crash does not stop the others; the script exits non-zero at
# the end if any did. FUZZ_TIMEOUT (default 10 s) is libFuzzer's per-input wall-clock
# limit: raise it when the machine is busy, or slow inputs show up as false hangs.
# Usage: fuzz/run.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(RUSTC_BOOTSTRAP=1 cargo fuzz list)
failed=()
for t in "${targets[@]}"; do
  echo "== $t for ${secs}s"
  mkdir -p "corpus/$t"
  # Lua targets start from the conformance programs.
  if [ -z "$(ls -A "corpus/$t")" ] && { [ "$t" = compile ] || [ "$t" = exec ]; }; then
    cp ../conformance/lua/*.lua "corpus/$t/"
  fi
  # The binary-chunk target starts from luac5.1's chunks of them, header cut.
  if [ -z "$(ls -A "corpus/$t")" ] && [ "$t" = undump ]; then
    for f in ../conformance/lua/*.lua; do
      luac5.1 -o - "$f" 2>/dev/null | tail -c +13 > "corpus/$t/$(basename "$f" .lua)" || true
    done
  fi
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=4096 -timeout="${FUZZ_TIMEOUT:-10}" \
    -max_len=4096 || failed+=("$t")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashes found by: ${failed[*]} (see fuzz/artifacts/)" >&2
  exit 1
fi
