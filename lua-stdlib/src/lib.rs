//! lua-stdlib: Lua 5.1's standard libraries for lua-core, with lua5.1's
//! behaviour and messages: base, coroutine, string (patterns, `format`,
//! `dump`), table, math, io, os, package and debug, and modules for the
//! libraries Redis adds (cjson, struct, cmsgpack, bit; [`open_redis_libs`]).
//! [`open_libs`] opens what the `lua5.1` command has; [`open_sandbox_libs`]
//! only what cannot reach outside the state (for the Redis host), and
//! [`open_system_libs`] adds the rest.
//!
//! ```
//! let mut lua = lua_core::Lua::new();
//! lua_stdlib::open_libs(&mut lua);
//! let f = lua
//!     .load(b"return (('%d items'):format(3):gsub('%d', '#'))", b"=example")
//!     .unwrap();
//! let r = lua.call(f, &[]).unwrap();
//! assert_eq!(lua.state.raw_tostring(r[0]), b"# items");
//! ```
pub mod base;
pub mod bit;
pub mod cjson;
pub mod cmsgpack;
pub mod coroutine;
pub mod debug;
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod r#struct;
pub mod table;

/// Opens the standard libraries into `lua`: everything the `lua5.1`
/// command has ([`open_sandbox_libs`] and [`open_system_libs`]).
///
/// `math.random` draws from glibc's `rand()` sequence, as `lua5.1` on Linux.
pub fn open_libs(lua: &mut lua_core::Lua) {
    open_safe_libs(&mut lua.state, Box::new(math::GlibcRandom::default()));
    open_system_libs(&mut lua.state);
}

/// The libraries that cannot reach outside the state, for sandboxes such as
/// the Redis host: the base library without `print`, `dofile` and
/// `loadfile`, and `coroutine`, `string`, `table` and `math`.
///
/// `math.random` draws from the 48-bit generator Redis uses ([`math::Rand48`]).
pub fn open_sandbox_libs(s: &mut lua_core::State) {
    open_safe_libs(s, Box::new(math::Rand48::default()));
}

fn open_safe_libs(s: &mut lua_core::State, rng: Box<dyn math::RandomSource>) {
    base::open(s);
    coroutine::open(s);
    libtable::record_loaded(s, "_G");
    libtable::record_loaded(s, "coroutine");
    string::open(s);
    table::open(s);
    math::open_with(s, rng);
}

/// The libraries that reach the process and its files, for the command
/// line and embedders that want them: `print`, `dofile`, `loadfile`,
/// `require`, `module`, `package`, `io`, `os` and `debug`; binary chunks load.
pub fn open_system_libs(s: &mut lua_core::State) {
    base::open_print(s);
    chunk::allow_binary_chunks(s);
    package::open(s);
    let files = io::open(s);
    os::open(s, Some(files));
    debug::open(s);
}
pub mod chunk;
mod chunk_verify;
mod libtable;
#[cfg(test)]
mod testdata;

/// Opens the libraries Redis gives every script, in the order Redis loads them (the order
/// shapes the globals table, which `pairs(_G)` shows): `cjson`, `struct`, `cmsgpack`,
/// `bit`.
pub fn open_redis_libs(s: &mut lua_core::State) {
    cjson::open(s);
    r#struct::open(s);
    cmsgpack::open(s);
    bit::open(s);
}
