//! Arbitrary binary chunks (the bytes after a valid header): the verifier
//! refuses them or they run in a sandbox under a small instruction budget
//! and memory limit, never a panic, a hang or an abort.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Lua 5.1's header for x86-64 (what `string.dump` and `luac5.1` write).
const HEADER: [u8; 12] = [0x1b, b'L', b'u', b'a', 0x51, 0, 1, 4, 8, 4, 8, 0];

fuzz_target!(|data: &[u8]| {
    let mut chunk = HEADER.to_vec();
    chunk.extend_from_slice(data);
    let Ok(proto) = lua_stdlib::chunk::undump(&chunk, b"=fuzz") else {
        return;
    };
    let mut lua = lua_core::Lua::new();
    lua_stdlib::open_sandbox_libs(&mut lua.state);
    lua.set_instruction_budget(Some(200_000));
    lua.set_memory_limit(Some(32 << 20));
    let f = lua.state.load_proto(proto);
    let _ = lua.call(f, &[]);
    // The state stays usable after whatever happened.
    let _ = lua.exec(b"local t = {1, 2, 3} return #t");
});
