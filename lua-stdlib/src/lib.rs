//! lua-stdlib (in progress)
pub mod base;
pub mod bit;
pub mod cjson;
pub mod cmsgpack;
pub mod coroutine;
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod table;

/// Opens the standard libraries into `lua`.
pub fn open_libs(lua: &mut lua_core::Lua) {
    base::open(&mut lua.state);
    string::open(&mut lua.state);
    table::open(&mut lua.state);
    math::open(&mut lua.state);
    coroutine::open(&mut lua.state);
}
mod libtable;
