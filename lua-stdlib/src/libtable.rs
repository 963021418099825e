//! Library tables as lauxlib.c's `luaL_register` makes them: a global table of
//! natives, also recorded in the registry's `_LOADED` table (which `require`
//! shows as `package.loaded`), so a library is opened once and found by name. The
//! Redis libraries (`bit`, `cjson`, `cmsgpack`, `struct`) are made the same way, as
//! their C originals are.

use lua_core::function::NativeFn;
use lua_core::value::TableRef;
use lua_core::{State, Value};

/// Stack slots a C function may use (LUAI_MAXCSTACK): past it `lua_checkstack` fails, which
/// the C libraries (cjson, cmsgpack, struct) report as nesting or result-count errors.
pub const MAX_C_STACK: usize = 8000;

/// A library's functions: the name Lua code indexes and the native.
pub type Functions = [(&'static str, NativeFn)];

/// Sets `t[name] = v` (string keys are always valid keys).
pub fn set_field(s: &mut State, t: TableRef, name: &str, v: Value) {
    let k = s.str_value(name.as_bytes());
    let _ = s.heap.table_mut(t).set(k, v);
}

/// Raw `t[name]`.
pub fn get_field(s: &mut State, t: TableRef, name: &str) -> Value {
    let k = s.str_value(name.as_bytes());
    s.heap.table(t).get(k)
}

/// The registry's `_LOADED` table (`package.loaded`), created on first use.
pub fn loaded_table(s: &mut State) -> TableRef {
    let registry = s.registry;
    if let Value::Table(t) = get_field(s, registry, "_LOADED") {
        return t;
    }
    let t = s.heap.new_table(0, 8);
    set_field(s, registry, "_LOADED", Value::Table(t));
    t
}

/// `luaL_register(L, name, fns)`: the table `name` (reusing
/// `package.loaded[name]` when it exists) filled with `fns`, set as a global
/// and recorded in `package.loaded`.
pub fn open_lib(s: &mut State, name: &str, fns: &Functions) -> TableRef {
    let loaded = loaded_table(s);
    let t = match get_field(s, loaded, name) {
        Value::Table(t) => t,
        _ => {
            let t = s.heap.new_table(0, fns.len());
            set_field(s, loaded, name, Value::Table(t));
            t
        }
    };
    let globals = s.globals;
    set_field(s, globals, name, Value::Table(t));
    for &(fname, f) in fns {
        let v = s.native(fname, f);
        set_field(s, t, fname, v);
    }
    t
}

/// Records the global `name` in `package.loaded` (libraries opened without
/// [`open_lib`], such as the base library as `_G`).
pub fn record_loaded(s: &mut State, name: &str) {
    let globals = s.globals;
    let v = get_field(s, globals, name);
    let loaded = loaded_table(s);
    set_field(s, loaded, name, v);
}
