//! The byte-level pieces of lua-cjson 2.1 as bundled by Redis, independent of the VM:
//! string escaping (lua-cjson's `char2escape` table) and number formatting (fpconv `%.*g`).

use lua_core::number::fmt_g;

/// The escape lua-cjson writes for byte `c`, or `None` when the byte is copied as is.
/// Control characters and DEL become `\u00XX` except the five with short forms; `"`, `\`
/// and `/` are backslash-escaped; bytes >= 0x80 pass through unchanged.
fn escape_of(c: u8) -> Option<&'static [u8]> {
    const CONTROL: [&[u8]; 32] = [
        b"\\u0000", b"\\u0001", b"\\u0002", b"\\u0003", b"\\u0004", b"\\u0005", b"\\u0006",
        b"\\u0007", b"\\b", b"\\t", b"\\n", b"\\u000b", b"\\f", b"\\r", b"\\u000e", b"\\u000f",
        b"\\u0010", b"\\u0011", b"\\u0012", b"\\u0013", b"\\u0014", b"\\u0015", b"\\u0016",
        b"\\u0017", b"\\u0018", b"\\u0019", b"\\u001a", b"\\u001b", b"\\u001c", b"\\u001d",
        b"\\u001e", b"\\u001f",
    ];
    match c {
        0..=31 => CONTROL.get(usize::from(c)).copied(),
        b'"' => Some(b"\\\""),
        b'\\' => Some(b"\\\\"),
        b'/' => Some(b"\\/"),
        127 => Some(b"\\u007f"),
        _ => None,
    }
}

/// Appends `s` as a quoted JSON string, escaped exactly as lua-cjson does.
pub fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    for &c in s {
        match escape_of(c) {
            Some(esc) => out.extend_from_slice(esc),
            None => out.push(c),
        }
    }
    out.push(b'"');
}

/// Appends a finite number the way lua-cjson's encoder does: `%.{precision}g`
/// (precision 1..=14, default 14), so integers print without `.0` and `-0` stays `-0`.
pub fn write_number(out: &mut Vec<u8>, v: f64, precision: usize) {
    out.extend_from_slice(fmt_g(v, precision, false).as_bytes());
}
