//! What the Redis libraries (`bit`, `cjson`, `cmsgpack`, `struct`), ports of C libraries,
//! share: their tables, made as `luaL_register` makes them, and the Lua stack limit their C
//! code runs into.

use lua_core::function::NativeFn;
use lua_core::value::TableRef;
use lua_core::{State, Value};

/// Stack slots a C function may use (LUAI_MAXCSTACK): past it `lua_checkstack` fails, which
/// the C libraries report as nesting or result-count errors.
pub const MAX_C_STACK: usize = 8000;

/// Sets `t[name] = v`.
pub fn set_field(s: &mut State, t: TableRef, name: &str, v: Value) {
    let k = s.str_value(name.as_bytes());
    // A string key is always a valid key.
    let _ = s.heap.table_mut(t).set(k, v);
}

/// A new table holding `fns`, set as the global `name`.
pub fn open_global(s: &mut State, name: &str, fns: &[(&'static str, NativeFn)]) -> TableRef {
    let t = s.heap.new_table(0, fns.len());
    for &(fname, f) in fns {
        let v = s.native(fname, f);
        set_field(s, t, fname, v);
    }
    let globals = s.globals;
    set_field(s, globals, name, Value::Table(t));
    t
}
