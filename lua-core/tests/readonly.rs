//! Read-only tables, as Redis's patched Lua has them for its sandbox.

use lua_core::{Error, Lua, Value};

#[test]
fn stores_into_a_readonly_table_fail_and_other_tables_stay_writable() {
    let mut lua = Lua::new();
    let t = lua.create_table();
    lua.set_global("t", Value::Table(t));
    lua.state.heap.table_mut(t).readonly = true;
    assert_eq!(
        lua.exec(b"t.x = 1"),
        Err(Error::Runtime(
            b"[string \"t.x = 1\"]:1: Attempt to modify a readonly table".to_vec()
        ))
    );
    // Other tables stay writable; lifting the flag makes the table writable again.
    assert!(lua.exec(b"u = {} u.x = 1 return u.x").is_ok());
    lua.state.heap.table_mut(t).readonly = false;
    assert!(lua.exec(b"t.x = 1").is_ok());
}
