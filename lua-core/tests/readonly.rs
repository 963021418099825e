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

#[test]
fn stores_over_existing_keys_of_a_readonly_table_fail_too() {
    let mut lua = Lua::new();
    assert!(lua.exec(b"t = {10, 20, x = 1} g = 1").is_ok());
    let Value::Table(t) = lua.get_global("t") else {
        panic!("t is a table");
    };
    lua.state.heap.table_mut(t).readonly = true;
    let globals = lua.state.globals;
    lua.state.heap.table_mut(globals).readonly = true;
    for (src, line) in [
        (&b"t.x = 2"[..], &b"[string \"t.x = 2\"]:1"[..]),
        (b"t[1] = 2", b"[string \"t[1] = 2\"]:1"),
        (b"g = 2", b"[string \"g = 2\"]:1"),
    ] {
        let mut msg = line.to_vec();
        msg.extend_from_slice(b": Attempt to modify a readonly table");
        assert_eq!(lua.exec(src), Err(Error::Runtime(msg)));
    }
    lua.state.heap.table_mut(globals).readonly = false;
    assert_eq!(
        lua.eval(b"return t.x, t[1], g").ok().map(|v| v.len()),
        Some(3)
    );
    assert!(matches!(lua.eval(b"return t.x").as_deref(), Ok([Value::Number(n)]) if *n == 1.0));
}
