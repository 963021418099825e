//! cmsgpack.unpack of arbitrary bytes, whole and with a limit and offset
//! (`unpack_limit`), then packing the values back.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const CALLS: [&[u8]; 3] = [
    b"return cmsgpack.pack(cmsgpack.unpack(A))",
    b"return cmsgpack.unpack_one(A)",
    b"return cmsgpack.unpack_limit(A, N, N)",
];

fuzz_target!(|data: &[u8]| {
    let Some((call, pick, rest)) = common::pick(data, &CALLS) else {
        return;
    };
    let mut lua = common::limited_lua();
    lua.set_global("N", lua_core::Value::Number(f64::from(pick >> 2)));
    common::run_with_strings(&mut lua, call, &[("A", rest)]);
});
