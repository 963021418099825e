//! What the library targets share: a state with the libraries Redis scripts
//! see, under a small instruction budget and memory limit, and the split of
//! one fuzz input into several.

use lua_core::Lua;

/// A state with the sandbox's standard libraries and Redis's (cjson,
/// cmsgpack, struct, bit), a budget and a memory limit, so every call ends.
pub fn limited_lua() -> Lua {
    let mut lua = Lua::new();
    lua_stdlib::open_sandbox_libs(&mut lua.state);
    lua_stdlib::open_redis_libs(&mut lua.state);
    lua.set_instruction_budget(Some(200_000));
    lua.set_memory_limit(Some(32 << 20));
    lua
}

/// The call the input's first byte picks from `calls`, that byte, and the rest of
/// the input; `None` for an empty input.
// Each target compiles its own copy of this module; not all of them pick.
#[allow(dead_code)]
pub fn pick<'a>(data: &'a [u8], calls: &[&'a [u8]]) -> Option<(&'a [u8], u8, &'a [u8])> {
    let (&first, rest) = data.split_first()?;
    Some((calls[usize::from(first) % calls.len()], first, rest))
}

/// Cuts `data` at its first `parts - 1` NUL bytes; missing parts are empty.
// Each target compiles its own copy of this module; not all of them split.
#[allow(dead_code)]
pub fn split_nul(data: &[u8], parts: usize) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = data.splitn(parts, |&c| c == 0).collect();
    out.resize(parts, &data[..0]);
    out
}

/// Sets each `(name, bytes)` as a global string and runs `src`: it must end in
/// values or a Lua error, and the state must stay usable after it.
pub fn run_with_strings(lua: &mut Lua, src: &[u8], globals: &[(&str, &[u8])]) {
    for &(name, bytes) in globals {
        let v = lua.create_string(bytes);
        lua.set_global(name, v);
    }
    if let Ok(f) = lua.load(src, b"=fuzz") {
        let _ = lua.call(f, &[]);
    }
    let _ = lua.exec(b"local t = {1, 2, 3} return #t");
}
