#!/bin/sh
# Re-records the expected listings: `luac5.1 -l -l -p` of every *.lua here,
# with the memory addresses removed (what compiler::listing prints).
set -e
cd "$(dirname "$0")"
for f in *.lua; do
  luac5.1 -l -l -p "$f" |
    sed -e 's/ at 0x[0-9a-f]*)/)/' -e 's/ for 0x[0-9a-f]*:/:/' -e 's/\t; 0x[0-9a-f]*$//' \
    > "${f%.lua}.luac.txt"
done
