//! The decoders and formatters scripts feed with outside data: cjson.decode,
//! cmsgpack.unpack, struct.unpack with an arbitrary format, string.format and
//! pattern matching with arbitrary patterns. The first byte picks one; the
//! rest, split at its first NUL where two inputs are needed, is the input.
//! Each must end in values or a Lua error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

const CALLS: [&[u8]; 6] = [
    b"return cjson.decode(A)",
    b"return cmsgpack.unpack(A)",
    b"return struct.unpack(A, B)",
    b"return string.format(A, B, 1, 2.5, B)",
    b"return string.find(B, A)",
    b"return string.gsub(B, A, '%0%1')",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (a, b) = match rest.iter().position(|&c| c == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &rest[..0]),
    };
    let mut lua = lua_core::Lua::new();
    lua_stdlib::open_sandbox_libs(&mut lua.state);
    lua_stdlib::open_redis_libs(&mut lua.state);
    lua.set_instruction_budget(Some(200_000));
    lua.set_memory_limit(Some(32 << 20));
    let va = lua.create_string(a);
    let vb = lua.create_string(b);
    lua.set_global("A", va);
    lua.set_global("B", vb);
    let call = CALLS[usize::from(pick) % CALLS.len()];
    if let Ok(f) = lua.load(call, b"=fuzz") {
        let _ = lua.call(f, &[]);
    }
});
