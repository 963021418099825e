//! The lexer, parser and code generator on arbitrary bytes: a chunk or a
//! syntax error, never a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lua_core::compiler::compile(data, b"=fuzz");
});
