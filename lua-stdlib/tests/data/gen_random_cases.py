"""Generates random Redis library cases (conformance format, see conformance/record.py):
mutated JSON through cjson.decode, cjson.encode and cmsgpack.pack, mutated MessagePack
through cmsgpack.unpack*, random struct formats and data, and random Lua tables through
cjson.encode and cmsgpack.pack. Record the replies from the oracle afterwards:

    python3 gen_random_cases.py SEED SCALE OUT.json
    python3 conformance/record.py --port PORT OUT.json
"""
import json, random, sys
random.seed(int(sys.argv[1]))
SCALE = float(sys.argv[2])
OUT = sys.argv[3]
DUMP = """local function dump(v)
  local t = type(v)
  if v == cjson.null then return 'null' end
  if t == 'table' then
    local keys = {}
    for k in pairs(v) do keys[#keys+1] = k end
    table.sort(keys, function(a, b)
      if type(a) == type(b) and type(a) ~= 'boolean' then return a < b end
      return type(a) .. tostring(a) < type(b) .. tostring(b)
    end)
    local out = {}
    for _, k in ipairs(keys) do out[#out+1] = dump(k) .. '=' .. dump(v[k]) end
    return '{' .. table.concat(out, ',') .. '}'
  elseif t == 'string' then return string.format('%q', v)
  elseif t == 'number' then return string.format('%.17g', v)
  else return tostring(v) end
end
"""
def latin(b): return b.decode('latin-1')
def mutate(seed, alphabet, n=3):
    out = bytearray(seed)
    for _ in range(random.randint(1, n)):
        at = random.randint(0, len(out))
        k = random.randint(0, 3)
        if k == 0 and at < len(out): out[at] = random.choice(alphabet)
        elif k == 1: out.insert(at, random.choice(alphabet))
        elif k == 2 and at < len(out): del out[at]
        else:
            end = min(at + random.randint(0, 8), len(out)); out[at:at] = out[at:end]
    return bytes(out)
jseeds = [b'{"a":[1,2,{"b":null}],"c":"\\u00e9\\ud83d\\ude00\\n","d":-1.5e3,"e":true,"f":false}',
          b'[[[[[]]]],{},"x\\"y\\\\z\\/",0.1,1e308,-0,0x1F,NaN,-Infinity]',
          b'{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"10":10,"11":[1,2,3]}',
          b'[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]',
          b'{"x":{"y":{"z":[0.5,1e-7,123456789012345678,2.5e-320]}}}']
jalpha = b'{}[],:"\\/ubfnrt0123456789.eE+-xINaly \t\n\x80'
cases = []
n = 0
def add(script, args):
    global n
    n += 1
    cases.append({"name": "random-%d" % n, "protocol": 2, "commands": [["EVAL", script, "0"] + [latin(a) for a in args]], "replies": []})
for i in range(int(400 * SCALE)):
    inp = mutate(random.choice(jseeds), jalpha) if random.random() < 0.8 else bytes(random.choice(jalpha) for _ in range(random.randint(0, 20)))
    add(DUMP + "local ok, v = pcall(cjson.decode, ARGV[1]) if not ok then return 'ERR:' .. v end return dump(v)", [inp])
for i in range(int(300 * SCALE)):
    inp = mutate(random.choice(jseeds), jalpha, 2)
    add("local ok, v = pcall(cjson.decode, ARGV[1]) if not ok then return 'ERR:' .. v end local ok2, e = pcall(cjson.encode, v) return e", [inp])
HEX = "local function hex(s) return (string.gsub(s, '.', function(c) return string.format('%02x', string.byte(c)) end)) end\n"
for i in range(int(300 * SCALE)):
    inp = mutate(random.choice(jseeds), jalpha, 2)
    add(HEX + "local ok, v = pcall(cjson.decode, ARGV[1]) if not ok then return 'ERR:' .. v end local ok2, e = pcall(cmsgpack.pack, v) if not ok2 then return e end return hex(e)", [inp])
mseed = [bytes.fromhex('9e01ffccc8d038cd1170d1ee90ce000111 70d2fffeee90cf0000010000000000d3ffffff0000000000cb3ff8000000000000ca3dcccccda573686f7274d92878787878787878787878787878787878787878787878787878787878787878787878787878787881a16181a16292c3c2'.replace(' ',''))]
for i in range(int(400 * SCALE)):
    inp = mutate(mseed[0], list(range(256)), 4) if random.random() < 0.8 else bytes(random.randint(0,255) for _ in range(random.randint(0, 16)))
    which = random.choice(["cmsgpack.unpack, ARGV[1]", "cmsgpack.unpack_one, ARGV[1], %d" % random.randint(-1, 8), "cmsgpack.unpack_limit, ARGV[1], %d, %d" % (random.randint(-1,4), random.randint(-1, 6))])
    add(DUMP + "return dump({pcall(%s)})" % which, [inp])
salpha = b'<>!xbBhHlLTiIscfd0123456789 '
for i in range(int(400 * SCALE)):
    fmt = bytes(random.choice(salpha) for _ in range(random.randint(0, 8)))
    data = bytes(random.randint(0, 255) for _ in range(random.randint(0, 24)))
    pos = random.randint(-2, 6)
    add(DUMP + HEX + "local r = {pcall(struct.unpack, ARGV[1], ARGV[2], %d)} local p = {pcall(struct.pack, ARGV[1], 1, ARGV[2], -2^40, ARGV[2], 2^70, 'abc', 0.1, 'x')} if p[1] then p[2] = hex(p[2]) end return dump({r, p, {pcall(struct.size, ARGV[1])}})" % pos, [fmt, data])
def rstr():
    return "'" + ''.join(random.choice('abcxyz_0123456789') for _ in range(random.choice([0,1,3,8,31,32,33,40]))) + "'"
def rnum():
    return random.choice(['1','2','3','0','-1','1.5','0.1','1e300','-0.0','2^53','2^31','123456789012345678','1/3','-2^63','2^64','127','128','-33','65536','2^32'])
def rval(depth):
    r = random.random()
    if depth < 2 and r < 0.3: return rtable(depth + 1)
    if r < 0.55: return rnum()
    if r < 0.85: return rstr()
    return random.choice(['true', 'false', 'cjson.null'])
def rtable(depth):
    parts = []
    for _ in range(random.randint(0, 9)):
        k = random.random()
        if k < 0.4: parts.append(rval(depth))
        elif k < 0.7: parts.append('[%s]=%s' % (random.choice(['1','2','3','4','5','6','7','8','9','10','11','12','15','20','0','-1','1.5']), rval(depth)))
        else: parts.append('[%s]=%s' % (rstr(), rval(depth)))
    return '{' + ','.join(parts) + '}'
for i in range(int(600 * SCALE)):
    t = rtable(0)
    add(HEX + "local t = %s local ok, e = pcall(cjson.encode, t) local ok2, m = pcall(cmsgpack.pack, t) if ok2 then m = hex(m) end return {e, m}" % t, [])
with open(OUT, 'w', encoding='ascii') as f:
    f.write('[\n' + ',\n'.join(json.dumps(c, ensure_ascii=True) for c in cases) + '\n]\n')
print(len(cases))
