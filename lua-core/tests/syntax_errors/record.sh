#!/bin/sh
# Re-records the expected messages: for every *.lua here, the error lua5.1
# gives for `loadstring(source)` called from a script, in NAME.err.
set -e
cd "$(dirname "$0")"
for f in *.lua; do
  lua5.1 - "$f" > "${f%.lua}.err" <<'LUA'
local f = assert(io.open(arg[1], "rb")); local src = f:read("*a"); f:close()
local fn, err = loadstring(src)
assert(not fn, arg[1] .. " compiles")
io.write(err)
LUA
done
