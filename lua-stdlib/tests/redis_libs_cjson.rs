//! lua-cjson byte-level encoding against replies recorded from redis-server 7.0.15
//! (conformance/redis-libs/cjson.json).
use lua_stdlib::cjson::{write_number, write_string};

fn string(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    write_string(&mut out, s);
    out
}

fn number(v: f64, precision: usize) -> String {
    let mut out = Vec::new();
    write_number(&mut out, v, precision);
    String::from_utf8(out).expect("numbers are ASCII")
}

#[test]
fn escapes_like_lua_cjson() {
    assert_eq!(
        string(b"quote\" back\\ slash/ \x08\x0c\n\r\t"),
        br#""quote\" back\\ slash\/ \b\f\n\r\t""#.to_vec()
    );
    assert_eq!(
        string(b"\x00\x01\x0b\x0e\x1f\x7f"),
        br#""\u0000\u0001\u000b\u000e\u001f\u007f""#.to_vec()
    );
    assert_eq!(string(b"\x80\xc8\xff"), b"\"\x80\xc8\xff\"".to_vec());
    assert_eq!(string(b"a\"b\n"), br#""a\"b\n""#.to_vec());
}

#[test]
fn every_byte_escapes_to_the_recorded_406_bytes() {
    let all: Vec<u8> = (0..=255u8).collect();
    let out = string(&all);
    assert_eq!(out.len(), 406);
    assert!(out.starts_with(
        br#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e"#
    ));
}

#[test]
fn numbers_like_lua_cjson() {
    assert_eq!(number(0.1, 14), "0.1");
    assert_eq!(number(1.0 / 3.0, 14), "0.33333333333333");
    assert_eq!(number(2f64.powi(53), 14), "9.007199254741e+15");
    assert_eq!(number(1.0 / 3.0, 3), "0.333");
    assert_eq!(number(12345.0, 3), "1.23e+04");
    assert_eq!(number(1e20, 3), "1e+20");
    assert_eq!(number(15.0, 1), "2e+01");
    assert_eq!(number(0.15, 1), "0.1");
    assert_eq!(number(-0.0, 14), "-0");
}

/// `encode` and `decode` reuse their buffers from call to call: what one call leaves in
/// them (a longer text, a failed parse, a document too big to keep) never shows in the
/// next result.
#[test]
fn calls_in_a_row_see_nothing_of_the_one_before() {
    let mut lua = lua_core::Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua_stdlib::open_redis_libs(&mut lua.state);
    let code = br#"
        local out = {}
        local big = string.rep("x", 100000)
        out[#out + 1] = cjson.encode({k = big}) == '{"k":"' .. big .. '"}'
        out[#out + 1] = cjson.encode({1, 2})
        out[#out + 1] = cjson.decode('{"long key":"long value"}')["long key"]
        out[#out + 1] = tostring(pcall(cjson.decode, '{"unterminated'))
        out[#out + 1] = cjson.decode('"ab"')
        out[#out + 1] = #cjson.decode('"' .. big .. '"')
        out[#out + 1] = cjson.decode('["c"]')[1]
        cjson.encode_keep_buffer(false)
        out[#out + 1] = cjson.encode("off")
        out[#out + 1] = cjson.encode("again")
        local other = cjson.new()
        out[#out + 1] = other.encode(cjson.decode('{"n":12}'))
        result = table.concat({tostring(out[1]), select(2, unpack(out))}, "|")
    "#;
    lua.exec(code).expect("runs");
    let result = lua.get_global("result");
    let text = lua.state.heap.str(match result {
        lua_core::Value::String(s) => s,
        other => panic!("not a string: {other:?}"),
    });
    assert_eq!(
        String::from_utf8_lossy(text),
        r#"true|[1,2]|long value|false|ab|100000|c|"off"|"again"|{"n":12}"#
    );
}
