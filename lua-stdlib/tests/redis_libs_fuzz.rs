//! A short deterministic fuzz run of the Redis libraries' decoders: mutated and random
//! inputs to `cjson.decode`, `cmsgpack.unpack*` and `struct.unpack/pack/size` must end in
//! a value or a Lua error, never a panic, and within the state's limits.

use lua_core::{Error, Lua, Value};

/// xorshift64*: a fixed sequence, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a [u8]]) -> &'a [u8] {
        items[self.below(items.len())]
    }
}

/// Flips, inserts, deletes or duplicates a few bytes of `seed`.
fn mutate(rng: &mut Rng, seed: &[u8], alphabet: &[u8]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 if at < out.len() => out[at] = alphabet[rng.below(alphabet.len())],
            1 => out.insert(at, alphabet[rng.below(alphabet.len())]),
            2 if at < out.len() => {
                out.remove(at);
            }
            _ => {
                let end = (at + rng.below(8)).min(out.len());
                let piece = out[at..end].to_vec();
                out.splice(at..at, piece);
            }
        }
    }
    out
}

fn random_bytes(rng: &mut Rng, alphabet: &[u8], max_len: usize) -> Vec<u8> {
    (0..rng.below(max_len + 1))
        .map(|_| alphabet[rng.below(alphabet.len())])
        .collect()
}

fn state() -> Lua {
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua_stdlib::open_redis_libs(&mut lua.state);
    lua.set_memory_limit(Some(64 << 20));
    lua
}

/// Calls `code` (a chunk taking its arguments as `...`) with string arguments; only a
/// value or a Lua error may come out.
fn run(lua: &mut Lua, code: &[u8], args: &[&[u8]]) {
    let f = lua.load(code, b"=fuzz").expect("fuzz chunk compiles");
    let args: Vec<Value> = args.iter().map(|a| lua.create_string(a)).collect();
    lua.set_instruction_budget(Some(10_000_000));
    match lua.call(f, &args) {
        Ok(_) | Err(Error::Runtime(_)) => {}
        Err(e) => panic!("{e:?} for {args:?}"),
    }
}

#[test]
fn cjson_decode_survives_mutated_and_random_input() {
    let seeds: &[&[u8]] = &[
        br#"{"a":[1,2,{"b":null}],"c":"\u00e9\ud83d\ude00\n","d":-1.5e3,"e":true,"f":false}"#,
        br#"[[[[[]]]],{},"x\"y\\z\/",0.1,1e308,-0,0x1F,NaN,-Infinity]"#,
        br#""\uD800\uDC00\u0000\b\f\r\t""#,
    ];
    let alphabet = b"{}[],:\"\\/ubfnrt0123456789.eE+-xINaly \t\n\x00\x80\xff";
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut lua = state();
    let code = b"local json = ... cjson.decode_invalid_numbers(#json % 2 == 0) return pcall(cjson.decode, json)";
    for _ in 0..4000 {
        let seed = rng.pick(seeds);
        let input = if rng.below(4) == 0 {
            random_bytes(&mut rng, alphabet, 64)
        } else {
            mutate(&mut rng, seed, alphabet)
        };
        run(&mut lua, code, &[&input]);
    }
}

#[test]
fn cmsgpack_unpack_survives_mutated_and_random_input() {
    let mut lua = state();
    let seed = lua
        .eval(
            b"local function rep(s, n) local r = '' for i = 1, n do r = r .. s end return r end \
              return cmsgpack.pack({1, -1, 200, -200, 70000, -70000, 2^40, -2^40, 1.5, 0.1, \
              'short', rep('x', 40), rep('y', 300), {a = {b = {true, false}}}}, rep('z', 700))",
        )
        .ok()
        .and_then(|v| v.first().and_then(|&s| lua.to_bytes(s)))
        .expect("the seed packs");
    let alphabet: Vec<u8> = (0..=255).collect();
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let code = b"local s, n, off = ... n = #n off = #off - 2 \
                 pcall(cmsgpack.unpack, s) pcall(cmsgpack.unpack_one, s, off) \
                 return pcall(cmsgpack.unpack_limit, s, n, off)";
    for _ in 0..1500 {
        let input = if rng.below(4) == 0 {
            random_bytes(&mut rng, &alphabet, 64)
        } else {
            let cut = rng.below(seed.len().min(400) + 1);
            mutate(&mut rng, &seed[..cut], &alphabet)
        };
        let n = vec![b'n'; rng.below(4)];
        let off = vec![b'o'; rng.below(8)];
        run(&mut lua, code, &[&input, &n, &off]);
    }
}

#[test]
fn struct_survives_random_formats_and_data() {
    let mut lua = state();
    let formats = b"<>!xbBhHlLTiIscfd0123456789 ";
    let mut rng = Rng(0x0dd_ba11_cafe_f00d);
    let code = b"local fmt, data, pos = ... pos = #pos - 3 \
                 pcall(struct.size, fmt) pcall(struct.unpack, fmt, data) \
                 pcall(struct.pack, fmt, 1, data, -2^40, data, 2^70, data, 0/0) \
                 return pcall(struct.unpack, fmt, data, pos)";
    let alphabet: Vec<u8> = (0..=255).collect();
    for _ in 0..4000 {
        let fmt = random_bytes(&mut rng, formats, 12);
        let data = random_bytes(&mut rng, &alphabet, 40);
        let pos = vec![b'p'; rng.below(50)];
        run(&mut lua, code, &[&fmt, &data, &pos]);
    }
}

#[test]
fn encoding_is_bounded_by_the_memory_limit_and_budget() {
    let mut lua = state();
    lua.set_memory_limit(Some(8 << 20));
    // An array of 2^30 nulls would need 5 GB.
    let r = lua.exec(b"cjson.encode_sparse_array(false, 0) cjson.encode({[2^30] = 1})");
    assert_eq!(r, Err(Error::Runtime(b"not enough memory".to_vec())));
    let mut lua = state();
    lua.set_instruction_budget(Some(100_000));
    let r = lua.exec(b"cjson.encode_sparse_array(false, 0) cjson.encode({[2^30] = 1})");
    assert_eq!(r, Err(Error::BudgetExhausted));
}
