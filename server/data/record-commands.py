#!/usr/bin/env python3
"""Records the command table of a real redis-server 7.0 (COMMAND INFO and COMMAND DOCS,
as raw RESP3) into this directory. redmoon-server loads them at startup: arity, flags,
key positions and ACL categories of each command, and the docs redis-cli's hints use,
come from Redis itself.

Usage: record-commands.py [--port 6399]
"""
import argparse
import os
import socket

HERE = os.path.dirname(os.path.abspath(__file__))


def request(port, *args):
    sock = socket.create_connection(("127.0.0.1", port))
    for cmd in (["HELLO", "3"], list(args)):
        sock.sendall(b"*%d\r\n" % len(cmd) + b"".join(
            b"$%d\r\n%s\r\n" % (len(a), a.encode()) for a in cmd))
    chunks = []
    sock.settimeout(1.0)
    try:
        while True:
            data = sock.recv(1 << 20)
            if not data:
                break
            chunks.append(data)
    except socket.timeout:
        pass
    sock.close()
    return b"".join(chunks)


def hello_len(port):
    """Length of the HELLO 3 reply, cut from the front of each recording."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n")
    sock.settimeout(0.5)
    out = b""
    try:
        while True:
            data = sock.recv(1 << 20)
            if not data:
                break
            out += data
    except socket.timeout:
        pass
    sock.close()
    return len(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=6399)
    args = ap.parse_args()
    skip = hello_len(args.port)
    for name, cmd in (("command-info.resp", ["COMMAND"]), ("command-docs.resp", ["COMMAND", "DOCS"])):
        data = request(args.port, *cmd)[skip:]
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
