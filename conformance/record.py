#!/usr/bin/env python3
"""Re-records the expected replies of Redis conformance cases from a real redis-server.

Case files are JSON arrays in conformance/{redis,scripting,redis-libs}/*.json:

    [{"name": "set-get",            # unique within the file
      "protocol": 2,                # 2 or 3: the connection sends HELLO 3 first when 3
      "commands": [["SET", "k", "v"], ["GET", "k"]],
      "replies": ["+OK\\r\\n", "$1\\r\\nv\\r\\n"]}]

Every string is bytes, one byte per code point (latin-1), so binary payloads
survive JSON. A command given as a string instead of a list is sent raw, as
is (for inline commands and malformed frames). "replies" holds, for each
command, every byte the server sent in answer to it (several replies for
SUBSCRIBE and the like, nothing for a command that gets no answer).

Each case runs on a new connection after FLUSHALL, SCRIPT FLUSH and
FUNCTION FLUSH, so cases do not depend on each other. Cases that change the
configuration must set it back themselves.

Usage: record.py [--port 6399] [FILE ...]   (default: every case file)
Start the oracle first (on loopback only):
    redis-server --port 6399 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes
"""
import argparse
import glob
import json
import os
import socket
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DIRS = ["redis", "scripting", "redis-libs"]
QUIET_SECONDS = 0.03


def encode_command(cmd):
    if isinstance(cmd, str):
        return cmd.encode("latin-1")
    out = [b"*%d\r\n" % len(cmd)]
    for arg in cmd:
        b = str(arg).encode("latin-1")
        out.append(b"$%d\r\n%s\r\n" % (len(b), b))
    return b"".join(out)


def read_all(sock, first_timeout):
    """Reads everything the server sends until it has been quiet for a moment."""
    chunks = []
    sock.settimeout(first_timeout)
    while True:
        try:
            data = sock.recv(1 << 20)
        except socket.timeout:
            break
        if not data:
            break
        chunks.append(data)
        sock.settimeout(QUIET_SECONDS)
    return b"".join(chunks)


def run_case(port, case):
    sock = socket.create_connection(("127.0.0.1", port))
    try:
        setup = [["FLUSHALL"], ["SCRIPT", "FLUSH"], ["FUNCTION", "FLUSH"]]
        if case.get("protocol", 2) == 3:
            setup.insert(0, ["HELLO", "3"])
        for cmd in setup:
            sock.sendall(encode_command(cmd))
            read_all(sock, 2.0)
        replies = []
        for cmd in case["commands"]:
            sock.sendall(encode_command(cmd))
            replies.append(read_all(sock, case.get("timeout", 2.0)).decode("latin-1"))
        return replies
    finally:
        sock.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=6399)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(
        f for d in DIRS for f in glob.glob(os.path.join(HERE, d, "*.json"))
    )
    total = 0
    for path in files:
        with open(path, encoding="ascii") as f:
            cases = json.load(f)
        names = set()
        for case in cases:
            if case["name"] in names:
                sys.exit(f"{path}: duplicate case name {case['name']!r}")
            names.add(case["name"])
            case["replies"] = run_case(args.port, case)
            total += 1
        with open(path, "w", encoding="ascii") as f:
            # One case per line: readable, and a re-record diffs case by case.
            f.write("[\n")
            f.write(",\n".join(json.dumps(c, ensure_ascii=True) for c in cases))
            f.write("\n]\n")
        print(f"{os.path.relpath(path, HERE)}: {len(cases)} cases")
    print(f"recorded {total} cases")


if __name__ == "__main__":
    main()
