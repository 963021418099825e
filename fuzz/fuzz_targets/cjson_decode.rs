//! cjson.decode of arbitrary text (what a script gets from a key or an
//! argument), then encoding the result back: values or a Lua error, never a
//! panic or a hang.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut lua = common::limited_lua();
    common::run_with_strings(
        &mut lua,
        b"local v = cjson.decode(A) return cjson.encode(v)",
        &[("A", data)],
    );
});
