//! struct.unpack and struct.size with an arbitrary format over arbitrary
//! data (the input split at its first NUL), and struct.pack with the format
//! and values taken from the data.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const CALLS: [&[u8]; 3] = [
    b"return struct.unpack(F, D)",
    b"return struct.size(F)",
    b"return struct.pack(F, D, #D, D, -1, 2.5, D)",
];

fuzz_target!(|data: &[u8]| {
    let Some((call, _, rest)) = common::pick(data, &CALLS) else {
        return;
    };
    let parts = common::split_nul(rest, 2);
    let mut lua = common::limited_lua();
    common::run_with_strings(&mut lua, call, &[("F", parts[0]), ("D", parts[1])]);
});
