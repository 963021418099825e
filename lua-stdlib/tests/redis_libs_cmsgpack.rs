//! cmsgpack scalar encodings against replies recorded from redis-server 7.0.15
//! (conformance/redis-libs/cmsgpack.json).
use lua_stdlib::cmsgpack::{write_bytes, write_number};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn number(n: f64) -> String {
    let mut out = Vec::new();
    write_number(&mut out, n);
    hex(&out)
}

#[test]
fn numbers_take_the_recorded_encodings() {
    let p = |e: i32| 2f64.powi(e);
    let cases: &[(f64, &str)] = &[
        (0.0, "00"),
        (127.0, "7f"),
        (128.0, "cc80"),
        (255.0, "ccff"),
        (256.0, "cd0100"),
        (65535.0, "cdffff"),
        (65536.0, "ce00010000"),
        (p(32) - 1.0, "ceffffffff"),
        (p(32), "cf0000000100000000"),
        (p(53), "cf0020000000000000"),
        (p(63), "ca5f000000"),
        (p(64), "ca5f800000"),
        (1e20, "cb4415af1d78b58c40"),
        (-1.0, "ff"),
        (-32.0, "e0"),
        (-33.0, "d0df"),
        (-128.0, "d080"),
        (-129.0, "d1ff7f"),
        (-32768.0, "d18000"),
        (-32769.0, "d2ffff7fff"),
        (-p(31), "d280000000"),
        (-p(31) - 1.0, "d3ffffffff7fffffff"),
        (-p(53), "d3ffe0000000000000"),
        (-p(63), "d38000000000000000"),
        (-p(64), "cadf800000"),
        (0.5, "ca3f000000"),
        (-0.25, "cabe800000"),
        (0.1, "cb3fb999999999999a"),
        (1.0 / 3.0, "cb3fd5555555555555"),
    ];
    for &(n, want) in cases {
        assert_eq!(number(n), want, "pack({n})");
    }
}

#[test]
fn strings_use_fixstr_str8_str16_str32() {
    let header = |len: usize| {
        let mut out = Vec::new();
        write_bytes(&mut out, &vec![b'x'; len]);
        hex(&out[..out.len() - len])
    };
    assert_eq!(header(0), "a0");
    assert_eq!(header(31), "bf");
    assert_eq!(header(32), "d920");
    assert_eq!(header(255), "d9ff");
    assert_eq!(header(256), "da0100");
    assert_eq!(header(65535), "daffff");
    assert_eq!(header(65536), "db00010000");
}
