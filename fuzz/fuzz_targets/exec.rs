//! Arbitrary source run with the standard libraries under a small
//! instruction budget and memory limit: it ends in values or an error,
//! never a panic, a hang or an abort. Output goes nowhere.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut lua = lua_core::Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua.set_output(Box::new(std::io::sink()));
    lua.set_instruction_budget(Some(200_000));
    lua.set_memory_limit(Some(32 << 20));
    if let Ok(f) = lua.load(data, b"=fuzz") {
        let _ = lua.call(f, &[]);
        // The state stays usable after whatever happened.
        let _ = lua.exec(b"local t = {1, 2, 3} return #t");
    }
});
