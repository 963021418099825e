//! Pattern matching with an arbitrary pattern, subject and replacement (the
//! input after two header bytes, split at NULs): string.find, match, gsub
//! with a string, function or table replacement, and gmatch, from an
//! arbitrary start. Matching is charged to the budget, so a pathological
//! pattern ends in an error instead of a hang.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

const CALLS: [&[u8]; 6] = [
    b"return string.find(S, P, I)",
    b"return string.match(S, P, I)",
    b"return string.gsub(S, P, R, I)",
    b"return string.gsub(S, P, function(...) return ... end)",
    b"return string.gsub(S, P, {a = R, [1] = 2})",
    b"local n = 0 for a, b in string.gmatch(S, P) do n = n + #tostring(a) end return n",
];

fuzz_target!(|data: &[u8]| {
    let [pick, init, rest @ ..] = data else {
        return;
    };
    let parts = common::split_nul(rest, 3);
    let mut lua = common::limited_lua();
    // A start anywhere in -128..127, to cover negative and past-the-end ones.
    lua.set_global("I", lua_core::Value::Number(f64::from(*init as i8)));
    let call = CALLS[usize::from(*pick) % CALLS.len()];
    common::run_with_strings(
        &mut lua,
        call,
        &[("P", parts[0]), ("S", parts[1]), ("R", parts[2])],
    );
});
