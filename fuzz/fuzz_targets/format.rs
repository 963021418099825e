//! string.format with an arbitrary format string (the input after one byte)
//! and arguments of every kind, chosen by the first byte: numbers at the
//! edges (huge, tiny, negative zero, NaN, infinities), strings with NULs,
//! and values needing tostring.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const ARGS: [&[u8]; 6] = [
    b"return string.format(F, 1, -2.5, 'x', 3, 4, 5)",
    b"return string.format(F, 1e308, -1e-308, 0/0, 1/0, -1/0, -0.0)",
    b"return string.format(F, F, F, F, F)",
    b"return string.format(F, 2^53, -2^63, 2^64, 123456789012, 0.1)",
    b"return string.format(F, nil, true, {}, print)",
    b"return string.format(F)",
];

fuzz_target!(|data: &[u8]| {
    let Some((call, _, rest)) = common::pick(data, &ARGS) else {
        return;
    };
    let mut lua = common::limited_lua();
    common::run_with_strings(&mut lua, call, &[("F", rest)]);
});
