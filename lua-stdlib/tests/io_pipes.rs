//! `io.popen` as lua5.1 on Linux does it (outputs checked on lua5.1).

use lua_core::{Lua, Value};

fn eval(src: &str) -> String {
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    let f = lua.load(src.as_bytes(), b"=t").expect("compiles");
    let r = lua.call(f, &[]).expect("runs");
    let v = r.first().copied().unwrap_or(Value::Nil);
    String::from_utf8_lossy(&lua.state.raw_tostring(v)).into_owned()
}

#[test]
fn reads_a_commands_output() {
    let src = "local p = io.popen('echo hello; echo world')
        local a, b = p:read('*l'), p:read('*a')
        return io.type(p) .. '|' .. a .. '|' .. b .. '|' .. tostring(p:close())";
    assert_eq!(eval(src), "file|hello|world\n|true");
}

#[test]
fn writes_a_commands_input() {
    let path = std::env::temp_dir().join(format!("redmoon-popen-{}", std::process::id()));
    let src = format!(
        "local w = io.popen('cat > {0}', 'w')
        w:write('piped ', 42, '\\n')
        local closed = w:close()
        local f = io.open('{0}')
        local text = f:read('*a')
        f:close()
        os.remove('{0}')
        return tostring(closed) .. '|' .. text",
        path.display()
    );
    assert_eq!(eval(&src), "true|piped 42\n");
}

#[test]
fn wrong_direction_and_mode_fail_as_glibc() {
    assert_eq!(
        eval("local q = io.popen('echo x') local _, m = q:write('y') q:close() return m"),
        "Bad file descriptor"
    );
    assert_eq!(
        eval("return select(2, io.popen('true', 'x'))"),
        "true: Invalid argument"
    );
    assert_eq!(
        eval("local t = {} for l in io.popen([[printf 'a\\nb\\n']]):lines() do t[#t + 1] = l end return table.concat(t, ';')"),
        "a;b"
    );
}
