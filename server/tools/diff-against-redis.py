#!/usr/bin/env python3
"""Differential run: sends the same random command sequence to a real redis-server and to
redmoon-server, and prints every reply that differs (with the earlier commands on the
same key). Both servers are FLUSHALLed first and after each difference.

Usage: diff-against-redis.py REDIS_PORT REDMOON_PORT [SEED] [COUNT] [resp3]

Expected differences: member order of sets that Redis keeps in a hash table (SMEMBERS,
SUNION... of non-integer sets; Redis seeds its hash with random bytes), random
commands (SPOP, SRANDMEMBER, HRANDFIELD, ZRANDMEMBER), and keys with a TTL of a few ms.
"""
import socket, random, sys
def enc(args): return b"*%d\r\n"%len(args)+b"".join(b"$%d\r\n%s\r\n"%(len(a),a) for a in args)
def rd(s):
    # read one full RESP reply
    buf=b""
    def need(n):
        nonlocal buf
        while len(buf)<n:
            d=s.recv(65536)
            if not d: raise EOFError
            buf+=d
    def line(pos):
        nonlocal buf
        while True:
            i=buf.find(b"\r\n",pos)
            if i>=0: return i
            d=s.recv(65536)
            if not d: raise EOFError
            buf+=d
    def parse(pos):
        e=line(pos); t=buf[pos:pos+1]; body=buf[pos+1:e]; nxt=e+2
        if t in b"$=":
            n=int(body)
            if n<0: return nxt
            need(nxt+n+2); return nxt+n+2
        if t in b"*~>%":
            n=int(body); k=2 if t==b"%" else 1
            for _ in range(max(n,0)*k): nxt=parse(nxt)
            return nxt
        return nxt
    end=parse(0)
    return buf[:end]
keys=[b"k1",b"k2",b"k3"]
vals=[b"1",b"1-1",b"2-0",b"5",b"-2",b"100",b"0",b"-1",b"a",b"b",b"10.5",b"",b"3",b"x y",b"9223372036854775807",b"inf",b"-inf",b"(1",b"[a",b"-",b"+",b"0.5"]
cmds={
 "str":[["SET","K","V"],["GET","K"],["APPEND","K","V"],["INCR","K"],["INCRBY","K","V"],["DECRBY","K","V"],["INCRBYFLOAT","K","V"],["STRLEN","K"],["GETRANGE","K","V","V"],["SETRANGE","K","V","V"],["GETDEL","K"],["SETNX","K","V"],["MSET","K","V","K","V"],["MGET","K","K"]],
 "list":[["LPUSH","K","V"],["RPUSH","K","V","V"],["LPOP","K"],["RPOP","K","V"],["LRANGE","K","V","V"],["LINDEX","K","V"],["LSET","K","V","V"],["LREM","K","V","V"],["LTRIM","K","V","V"],["LINSERT","K","BEFORE","V","V"],["LPOS","K","V"],["LLEN","K"],["LMOVE","K","K","LEFT","RIGHT"],["RPOPLPUSH","K","K"]],
 "hash":[["HSET","K","V","V"],["HGET","K","V"],["HDEL","K","V"],["HGETALL","K"],["HINCRBY","K","V","V"],["HINCRBYFLOAT","K","V","V"],["HLEN","K"],["HKEYS","K"],["HVALS","K"],["HEXISTS","K","V"],["HSETNX","K","V","V"],["HSTRLEN","K","V"],["HMGET","K","V","V"]],
 "set":[["SADD","K","V","V"],["SREM","K","V"],["SMEMBERS","K"],["SISMEMBER","K","V"],["SCARD","K"],["SINTER","K","K"],["SUNION","K","K"],["SDIFF","K","K"],["SINTERSTORE","K","K","K"],["SUNIONSTORE","K","K"],["SMOVE","K","K","V"],["SMISMEMBER","K","V","V"]],
 "zset":[["ZADD","K","V","V"],["ZADD","K","XX","CH","V","V"],["ZADD","K","GT","V","V"],["ZINCRBY","K","V","V"],["ZREM","K","V"],["ZRANGE","K","V","V","WITHSCORES"],["ZRANGEBYSCORE","K","V","V"],["ZREVRANGEBYSCORE","K","V","V","WITHSCORES"],["ZRANGEBYLEX","K","V","V"],["ZCOUNT","K","V","V"],["ZLEXCOUNT","K","V","V"],["ZRANK","K","V"],["ZREVRANK","K","V"],["ZSCORE","K","V"],["ZCARD","K"],["ZPOPMIN","K"],["ZPOPMAX","K","V"],["ZREMRANGEBYSCORE","K","V","V"],["ZREMRANGEBYRANK","K","V","V"],["ZUNIONSTORE","K","2","K","K"],["ZINTERSTORE","K","2","K","K","AGGREGATE","MAX"],["ZRANGE","K","V","V","BYSCORE","REV"],["ZMSCORE","K","V"]],
 "more":[["SET","K","V","EX","V"],["SET","K","V","NX","GET"],["SET","K","V","XX","KEEPTTL"],["GETEX","K","PX","V"],["GETEX","K","PERSIST"],["EXPIRE","K","V","GT"],["EXPIRE","K","V","NX"],["PEXPIRE","K","V","XX"],["LPOS","K","V","RANK","V"],["LPOS","K","V","COUNT","V","MAXLEN","V"],["ZADD","K","LT","CH","V","V"],["ZADD","K","INCR","V","V"],["ZRANGE","K","V","V","BYLEX","LIMIT","V","V"],["ZRANGE","K","V","V","BYSCORE","LIMIT","V","V","WITHSCORES"],["ZRANGESTORE","K","K","V","V"],["LMPOP","2","K","K","LEFT","COUNT","V"],["ZMPOP","1","K","MIN","COUNT","V"],["XADD","K","V","f","V"],["XADD","K","MAXLEN","V","V","f","V"],["XRANGE","K","V","V"],["XREVRANGE","K","V","V","COUNT","V"],["XLEN","K"],["XDEL","K","V"],["XTRIM","K","MAXLEN","V"],["XTRIM","K","MINID","V"],["SORT","K","BY","V","LIMIT","V","V"],["SORT","K","DESC","ALPHA","LIMIT","V","V"],["BLPOP","K","K","0.01"],["BZPOPMIN","K","0.01"],["ZDIFF","2","K","K","WITHSCORES"],["ZUNION","2","K","K","WEIGHTS","V","V"],["ZINTERCARD","2","K","K"],["SINTERCARD","2","K","K","LIMIT","V"],["HRANDFIELD","K","V"],["SRANDMEMBER","K","V"],["SPOP","K","V"],["ZRANDMEMBER","K","V"]],
 "key":[["DEL","K"],["EXISTS","K"],["TYPE","K"],["EXPIRE","K","100"],["TTL","K"],["PERSIST","K"],["RENAME","K","K"],["RENAMENX","K","K"],["COPY","K","K"],["OBJECT","ENCODING","K"],["SORT","K"],["SORT","K","ALPHA"],["DBSIZE"]],
}
def gen(rng):
    fam=rng.choice(list(cmds)); t=rng.choice(cmds[fam])
    out=[]
    for a in t:
        if a=="K": out.append(rng.choice(keys))
        elif a=="V": out.append(rng.choice(vals))
        else: out.append(a.encode())
    return out
redis_port=int(sys.argv[1]); ours_port=int(sys.argv[2])
seed=int(sys.argv[3]) if len(sys.argv)>3 else 1
n=int(sys.argv[4]) if len(sys.argv)>4 else 3000
A=socket.create_connection(("127.0.0.1",redis_port)); B=socket.create_connection(("127.0.0.1",ours_port))
mism=0
for s in (A,B): s.sendall(enc([b"FLUSHALL"])); rd(s)
if len(sys.argv)>5:
    for s in (A,B): s.sendall(enc([b"HELLO",b"3"])); rd(s)
rng=random.Random(seed)
hist=[]
for i in range(n):
    c=gen(rng); hist.append(c)
    A.sendall(enc(c)); B.sendall(enc(c))
    ra=rd(A); rb=rd(B)
    if ra!=rb:
        mism+=1
        print("MISMATCH", b" ".join(c), "\n  redis:", ra[:200], "\n  ours: ", rb[:200]); print("  ctx:", [b" ".join(h) for h in hist[:-1] if len(c)>1 and c[-1] in h][-40:]); hist.clear()
        for s in (A,B): s.sendall(enc([b"FLUSHALL"])); rd(s)
        if mism>25: break
print("done", mism)
