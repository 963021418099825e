//! What a Lua program sees when it calls library functions with wrong
//! arguments, and library results that depend on C's conversions; every
//! expected message was checked on lua5.1.

use lua_core::{Lua, Value};

/// Runs `src` (a chunk that returns one value) with all libraries open and
/// returns that value as text.
fn eval(src: &str) -> String {
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    let f = lua.load(src.as_bytes(), b"=t").expect("compiles");
    let r = lua.call(f, &[]).expect("runs");
    match r.first() {
        Some(&v @ Value::String(_)) | Some(&v @ Value::Number(_)) => {
            String::from_utf8_lossy(&lua.state.raw_tostring(v)).into_owned()
        }
        Some(v) => format!("{v:?}"),
        None => "(no value)".into(),
    }
}

/// The message of the error `call` (a Lua expression) raises.
fn error_of(call: &str) -> String {
    eval(&format!(
        "local ok, e = pcall(function() return {call} end) return ok and 'no error' or e"
    ))
}

#[test]
fn string_argument_errors() {
    let cases = [
        (
            "string.rep()",
            "t:1: bad argument #1 to 'rep' (string expected, got no value)",
        ),
        (
            "string.rep('x')",
            "t:1: bad argument #2 to 'rep' (number expected, got no value)",
        ),
        (
            "('x'):rep()",
            "t:1: bad argument #1 to 'rep' (number expected, got no value)",
        ),
        (
            "('x'):rep({})",
            "t:1: bad argument #1 to 'rep' (number expected, got table)",
        ),
        (
            "string.sub('x', {})",
            "t:1: bad argument #2 to 'sub' (number expected, got table)",
        ),
        (
            "string.char(1, 2, 300)",
            "t:1: bad argument #3 to 'char' (invalid value)",
        ),
        (
            "string.char(-1)",
            "t:1: bad argument #1 to 'char' (invalid value)",
        ),
        (
            "string.format('%d', 'x')",
            "t:1: bad argument #2 to 'format' (number expected, got string)",
        ),
        (
            "string.format('%d')",
            "t:1: bad argument #2 to 'format' (no value)",
        ),
        (
            "string.format('%y', 1)",
            "t:1: invalid option '%y' to 'format'",
        ),
        (
            "string.format('%s', {})",
            "t:1: bad argument #2 to 'format' (string expected, got table)",
        ),
        (
            "string.find('x', 'x', 'y')",
            "t:1: bad argument #3 to 'find' (number expected, got string)",
        ),
        (
            "string.gsub('x', 'x')",
            "t:1: bad argument #3 to 'gsub' (string/function/table expected)",
        ),
        (
            "string.gsub('x', 'x', 'y', 'z')",
            "t:1: bad argument #4 to 'gsub' (number expected, got string)",
        ),
        (
            "string.gsub('abc', '%w', '%2')",
            "t:1: invalid capture index",
        ),
        (
            "string.gsub('abc', '%w', {a = {}})",
            "t:1: invalid replacement value (a table)",
        ),
        (
            "string.find('a', '[a')",
            "t:1: malformed pattern (missing ']')",
        ),
        ("string.match('a', '(a')", "t:1: unfinished capture"),
        ("string.match('a', 'a)')", "t:1: invalid pattern capture"),
        (
            "string.find('a', '%')",
            "t:1: malformed pattern (ends with '%')",
        ),
        (
            "string.gmatch(nil, 'x')",
            "t:1: bad argument #1 to 'gmatch' (string expected, got nil)",
        ),
    ];
    for (call, want) in cases {
        assert_eq!(error_of(call), want, "{call}");
    }
}

#[test]
fn functions_called_from_natives_are_unnamed() {
    assert_eq!(
        eval("return select(2, pcall(string.rep))"),
        "bad argument #1 to '?' (string expected, got no value)"
    );
    assert_eq!(
        error_of("({}):upper()"),
        "t:1: attempt to call method 'upper' (a nil value)"
    );
    assert_eq!(
        eval("local s = 'x' return select(2, pcall(function() return s.rep(nil) end))"),
        "t:1: bad argument #1 to 'rep' (string expected, got nil)"
    );
    assert_eq!(
        error_of("string.upper(nil)"),
        "t:1: bad argument #1 to 'upper' (string expected, got nil)"
    );
}

#[test]
fn table_argument_errors() {
    let cases = [
        (
            "table.insert({}, 1, 2, 3)",
            "t:1: wrong number of arguments to 'insert'",
        ),
        (
            "table.insert(nil, 1)",
            "t:1: bad argument #1 to 'insert' (table expected, got nil)",
        ),
        (
            "table.concat({}, {})",
            "t:1: bad argument #2 to 'concat' (string expected, got table)",
        ),
        (
            "table.concat({1, {}, 3})",
            "t:1: invalid value (table) at index 2 in table for 'concat'",
        ),
        (
            "table.sort({3, 2, 1}, 1)",
            "t:1: bad argument #2 to 'sort' (function expected, got number)",
        ),
        (
            "table.sort({1, 'x'})",
            "attempt to compare string with number",
        ),
        ("table.setn({}, 1)", "t:1: 'setn' is obsolete"),
        (
            "table.maxn()",
            "t:1: bad argument #1 to 'maxn' (table expected, got no value)",
        ),
        (
            "table.foreach({}, nil)",
            "t:1: bad argument #2 to 'foreach' (function expected, got nil)",
        ),
    ];
    for (call, want) in cases {
        assert_eq!(error_of(call), want, "{call}");
    }
}

#[test]
fn math_argument_errors() {
    let cases = [
        (
            "math.floor('x')",
            "t:1: bad argument #1 to 'floor' (number expected, got string)",
        ),
        (
            "math.max()",
            "t:1: bad argument #1 to 'max' (number expected, got no value)",
        ),
        (
            "math.random(0)",
            "t:1: bad argument #1 to 'random' (interval is empty)",
        ),
        (
            "math.random(3, 1)",
            "t:1: bad argument #2 to 'random' (interval is empty)",
        ),
        ("math.random(1, 2, 3)", "t:1: wrong number of arguments"),
    ];
    for (call, want) in cases {
        assert_eq!(error_of(call), want, "{call}");
    }
}

#[test]
fn counts_convert_as_c_casts() {
    assert_eq!(eval("return #string.rep('x', 2^31)"), "0");
    assert_eq!(eval("return #string.rep('x', 2^32 + 3)"), "3");
    assert_eq!(eval("return string.sub('hello', 2^63)"), "hello");
    assert_eq!(eval("return string.rep('ab', 3)"), "ababab");
}

#[test]
fn pathological_pattern_exhausts_the_budget() {
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua.set_instruction_budget(Some(100_000));
    let src = b"return string.find(string.rep('a', 40), string.rep('a*', 30) .. 'b')";
    let f = lua.load(src, b"=t").expect("compiles");
    assert_eq!(
        lua.call(f, &[]).err(),
        Some(lua_core::Error::BudgetExhausted)
    );
}

#[test]
fn huge_results_are_a_clean_memory_error() {
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua.state.memory_limit = Some(1 << 20);
    for src in [
        "return string.rep('x', 2^21)",
        "return string.rep('abc', 2^20)",
        "return (string.gsub(string.rep('x', 1000), 'x', string.rep('y', 5000)))",
        "local t = {} for i = 1, 300 do t[i] = string.rep('z', 100) end return table.concat(t, string.rep('-', 10000))",
    ] {
        let f = lua.load(src.as_bytes(), b"=t").expect("compiles");
        assert_eq!(
            lua.call(f, &[]).err(),
            Some(lua_core::Error::Runtime(b"not enough memory".to_vec())),
            "{src}"
        );
    }
}

#[test]
fn long_table_shifts_stop_at_the_budget() {
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua.set_instruction_budget(Some(1_000_000));
    let f = lua
        .load(b"local t = {1, 2, 3} table.insert(t, 2^31, 'x')", b"=t")
        .expect("compiles");
    assert_eq!(
        lua.call(f, &[]).err(),
        Some(lua_core::Error::BudgetExhausted)
    );
}
