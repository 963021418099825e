//! The scalar encoders of Redis's lua_cmsgpack.c, independent of the VM: numbers (smallest
//! integer form, else float32 when lossless, else float64) and strings (fixstr, str8,
//! str16, str32).

/// 2^63: integral numbers outside [-2^63, 2^63) are packed as floats, as in the C code
/// whose `(int64_t)n == n` test fails for them on x86-64.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// Appends the MessagePack encoding of an integer in its smallest form.
pub fn write_int(out: &mut Vec<u8>, n: i64) {
    if n >= 0 {
        if n <= 127 {
            out.push(n as u8);
        } else if n <= 0xff {
            out.extend_from_slice(&[0xcc, n as u8]);
        } else if n <= 0xffff {
            out.push(0xcd);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        } else if n <= 0xffff_ffff {
            out.push(0xce);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        } else {
            out.push(0xcf);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    } else if n >= -32 {
        out.push(n as i8 as u8);
    } else if n >= -128 {
        out.extend_from_slice(&[0xd0, n as i8 as u8]);
    } else if n >= -32768 {
        out.push(0xd1);
        out.extend_from_slice(&(n as i16).to_be_bytes());
    } else if n >= -2_147_483_648 {
        out.push(0xd2);
        out.extend_from_slice(&(n as i32).to_be_bytes());
    } else {
        out.push(0xd3);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

/// Appends the MessagePack encoding of a Lua number as Redis chooses it.
pub fn write_number(out: &mut Vec<u8>, n: f64) {
    if (-TWO_POW_63..TWO_POW_63).contains(&n) && n.fract() == 0.0 {
        // In range and integral, so the conversion is exact.
        write_int(out, n as i64);
        return;
    }
    let single = n as f32;
    if f64::from(single) == n {
        out.push(0xca);
        out.extend_from_slice(&single.to_be_bytes());
    } else {
        out.push(0xcb);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

/// Appends the MessagePack encoding of a byte string (fixstr, str8, str16 or str32 header).
pub fn write_bytes(out: &mut Vec<u8>, s: &[u8]) {
    let len = s.len();
    if len < 32 {
        out.push(0xa0 | len as u8);
    } else if len <= 0xff {
        out.extend_from_slice(&[0xd9, len as u8]);
    } else if len <= 0xffff {
        out.push(0xda);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(0xdb);
        // Lua strings longer than 4 GiB cannot reach a Redis script; the C truncates too.
        out.extend_from_slice(&(len as u32).to_be_bytes());
    }
    out.extend_from_slice(s);
}
