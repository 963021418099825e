//! Library tables for the Redis libraries (`bit`, `cjson`, `cmsgpack`, `struct`): a table of
//! natives set as a global, as their `luaopen_*` functions make it with `luaL_register`.

use lua_core::function::NativeFn;
use lua_core::value::TableRef;
use lua_core::{State, Value};

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
