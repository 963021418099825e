//! Runs the recorded Redis library cases (conformance/redis-libs/*.json, format in
//! conformance/record.py) on a plain state with the standard and Redis libraries open, and
//! compares the reply Redis would build from the script's result with the recorded one.
//!
//! The reply is built with Redis's Lua-to-RESP2 rules (string -> bulk, number -> integer,
//! true -> `:1`, false/nil -> null, `{err=}`/`{ok=}` tables, arrays up to the first nil);
//! a raised error becomes `-ERR <message>`, compared without the ` script: <sha>, on ...`
//! suffix the host appends. Cases writing to a library table are not run here: read-only
//! protection is the Redis host's (it replays every case through the server as well).
//!
//! tests/data/redis-libs-limits.json holds more cases in the same format, on the limits
//! the C code inherits from the Lua stack and on C conversions; they are re-recorded with
//! `conformance/record.py --port PORT lua-stdlib/tests/data/redis-libs-limits.json`;
//! tests/data/redis-libs-random.json holds random cases made by
//! tests/data/gen_random_cases.py (seed 11, scale 0.08) and recorded the same way.

use std::path::Path;

use lua_core::{Error, Lua, Value};

/// Bytes of a JSON string, one per code point (latin-1), as record.py writes them.
fn latin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

/// Redis's conversion of a Lua number to an integer reply (a C cast on x86-64).
fn integer(n: f64) -> i64 {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if n.is_nan() || !(-TWO_POW_63..TWO_POW_63).contains(&n) {
        i64::MIN
    } else {
        n as i64
    }
}

fn resp(lua: &mut Lua, v: Value, out: &mut Vec<u8>) {
    match v {
        Value::String(_) => {
            let b = lua.to_bytes(v).unwrap_or_default();
            out.extend_from_slice(format!("${}\r\n", b.len()).as_bytes());
            out.extend_from_slice(&b);
            out.extend_from_slice(b"\r\n");
        }
        Value::Number(n) => out.extend_from_slice(format!(":{}\r\n", integer(n)).as_bytes()),
        Value::Boolean(true) => out.extend_from_slice(b":1\r\n"),
        Value::Table(t) => {
            let err = lua.create_string(b"err");
            let ok = lua.create_string(b"ok");
            let table = lua.state.heap.table(t);
            let (err, ok) = (table.get(err), table.get(ok));
            if let Value::String(_) = err {
                out.push(b'-');
                out.extend_from_slice(&lua.to_bytes(err).unwrap_or_default());
                out.extend_from_slice(b"\r\n");
            } else if let Value::String(_) = ok {
                out.push(b'+');
                out.extend_from_slice(&lua.to_bytes(ok).unwrap_or_default());
                out.extend_from_slice(b"\r\n");
            } else {
                let items: Vec<Value> = (1..)
                    .map(|i| lua.state.heap.table(t).get_int(i))
                    .take_while(|v| !matches!(v, Value::Nil))
                    .collect();
                out.extend_from_slice(format!("*{}\r\n", items.len()).as_bytes());
                for item in items {
                    resp(lua, item, out);
                }
            }
        }
        _ => out.extend_from_slice(b"$-1\r\n"),
    }
}

fn set_array(lua: &mut Lua, name: &str, items: &[Vec<u8>]) {
    let t = lua.create_table();
    for (i, item) in items.iter().enumerate() {
        let v = lua.create_string(item);
        lua.state.heap.table_mut(t).set_int(i as i64 + 1, v);
    }
    lua.set_global(name, Value::Table(t));
}

/// The reply to `EVAL script numkeys args...`, as Redis would send it (see the file doc).
fn eval(args: &[Vec<u8>]) -> Vec<u8> {
    let mut lua = Lua::new();
    lua.state.heap.full_hash = true;
    lua_stdlib::open_sandbox_libs(&mut lua.state);
    lua_stdlib::open_redis_libs(&mut lua.state);
    let numkeys: usize = String::from_utf8_lossy(&args[2]).parse().expect("numkeys");
    set_array(&mut lua, "KEYS", &args[3..3 + numkeys]);
    set_array(&mut lua, "ARGV", &args[3 + numkeys..]);
    let result = match lua.load(&args[1], b"@user_script") {
        Ok(f) => lua.call(f, &[]),
        Err(e) => Err(e),
    };
    let mut out = Vec::new();
    match result {
        Ok(values) => resp(
            &mut lua,
            values.first().copied().unwrap_or(Value::Nil),
            &mut out,
        ),
        Err(Error::Runtime(msg) | Error::Compile(msg)) => {
            out.extend_from_slice(b"-ERR ");
            out.extend_from_slice(&msg);
            out.extend_from_slice(b"\r\n");
        }
        Err(e) => out.extend_from_slice(format!("-{e}\r\n").as_bytes()),
    }
    out
}

/// The recorded reply without the host's ` script: <sha>, on @user_script:N.` suffix.
fn expected(reply: &[u8]) -> Vec<u8> {
    let marker = b" script: ";
    match reply.windows(marker.len()).position(|w| w == marker) {
        Some(at) if reply.starts_with(b"-") => {
            let mut out = reply[..at].to_vec();
            out.extend_from_slice(b"\r\n");
            out
        }
        _ => reply.to_vec(),
    }
}

/// Runs every case of `file` (relative to this crate); returns how many ran. Panics
/// listing the mismatches.
fn run_file(file: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).expect("read case file");
    let cases: serde_json::Value = serde_json::from_str(&text).expect("parse case file");
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases.as_array().expect("array of cases") {
        let name = case["name"].as_str().expect("name");
        let command: Vec<Vec<u8>> = case["commands"][0]
            .as_array()
            .expect("command")
            .iter()
            .map(|a| latin1(a.as_str().expect("string argument")))
            .collect();
        if name.contains("readonly") {
            continue;
        }
        ran += 1;
        let want = expected(&latin1(case["replies"][0].as_str().expect("reply")));
        let got = eval(&command);
        if got != want {
            failures.push(format!(
                "{name}:\n  want {:?}\n  got  {:?}",
                String::from_utf8_lossy(&want),
                String::from_utf8_lossy(&got)
            ));
        }
    }
    println!("{file}: {ran} cases ran, {} failed", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    ran
}

#[test]
fn bit_cases() {
    assert_eq!(run_file("../conformance/redis-libs/bit.json"), 167);
}

#[test]
fn cjson_cases() {
    assert_eq!(run_file("../conformance/redis-libs/cjson.json"), 228);
}

#[test]
fn cmsgpack_cases() {
    assert_eq!(run_file("../conformance/redis-libs/cmsgpack.json"), 206);
}

#[test]
fn struct_cases() {
    assert_eq!(run_file("../conformance/redis-libs/struct.json"), 166);
}

#[test]
fn limits_cases() {
    assert_eq!(run_file("tests/data/redis-libs-limits.json"), 118);
}

#[test]
fn random_cases() {
    assert_eq!(run_file("tests/data/redis-libs-random.json"), 192);
}
