//! lua-stdlib (in progress)
pub mod base;
pub mod bit;
mod c_library;
pub mod cjson;
pub mod cmsgpack;
pub mod coroutine;
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod r#struct;
pub mod table;

/// Opens the standard libraries into `lua`.
pub fn open_libs(lua: &mut lua_core::Lua) {
    base::open(&mut lua.state);
    coroutine::open(&mut lua.state);
}

/// Opens the libraries Redis gives every script, in the order Redis loads them (the order
/// shapes the globals table, which `pairs(_G)` shows): `cjson`, `struct`, `cmsgpack`,
/// `bit`.
pub fn open_redis_libs(s: &mut lua_core::State) {
    cjson::open(s);
    r#struct::open(s);
    cmsgpack::open(s);
    bit::open(s);
}
