#!/usr/bin/env bash
# Re-records conformance/lua/*.expected from the reference interpreter (lua5.1).
# Each program's expected output is its stdout, then, if it exits non-zero,
# a line "--- exit N" followed by its stderr (uncaught errors and tracebacks;
# the interpreter names itself "lua5.1:" there, which the tests read as
# "redmoon-lua:").
# Usage: conformance/record-lua.sh [NAME.lua ...]
set -euo pipefail
cd "$(dirname "$0")/lua"
command -v lua5.1 >/dev/null || { echo "needs lua5.1 (apt-get install lua5.1)" >&2; exit 1; }
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(*.lua)
for f in "${files[@]}"; do
  f=$(basename "$f")
  out="${f%.lua}.expected"
  set +e
  lua5.1 "$f" > "$out.tmp" 2> "$out.err" < /dev/null
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    { echo "--- exit $rc"; cat "$out.err"; } >> "$out.tmp"
  fi
  rm -f "$out.err"
  mv "$out.tmp" "$out"
done
echo "recorded ${#files[@]} programs"
