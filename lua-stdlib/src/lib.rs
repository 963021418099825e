//! lua-stdlib (in progress)
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
pub mod table;

/// Opens the standard libraries into `lua`: everything the `lua5.1`
/// command has ([`open_sandbox_libs`] and [`open_system_libs`]).
pub fn open_libs(lua: &mut lua_core::Lua) {
    open_sandbox_libs(&mut lua.state);
    open_system_libs(&mut lua.state);
}

/// The libraries that cannot reach outside the state, for sandboxes such as
/// the Redis host: the base library without `print`, `dofile` and
/// `loadfile`, and `coroutine`, `string`, `table` and `math`.
pub fn open_sandbox_libs(s: &mut lua_core::State) {
    base::open(s);
    coroutine::open(s);
    libtable::record_loaded(s, "_G");
    libtable::record_loaded(s, "coroutine");
    string::open(s);
    table::open(s);
    math::open(s);
}

/// The libraries that reach the process and its files, for the command
/// line and embedders that want them: `print`, `dofile`, `loadfile`,
/// `require`, `module`, `package`, `io`, `os` and `debug`.
pub fn open_system_libs(s: &mut lua_core::State) {
    base::open_print(s);
    package::open(s);
    let files = io::open(s);
    os::open(s, Some(files));
    debug::open(s);
}
mod libtable;
