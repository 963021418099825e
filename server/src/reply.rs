//! Encoding of replies to the wire, for RESP2 and RESP3 clients.
//!
//! RESP3-only kinds are downgraded for RESP2 clients exactly as Redis 7.0 does: maps become
//! flat arrays, sets arrays, doubles and big numbers bulk strings, booleans `:1`/`:0`,
//! verbatim strings plain bulk strings, pushes arrays, and both nulls their RESP2 forms.

pub use redis_host::reply::Reply;

/// Appends `reply` encoded for a client speaking `protocol` (2 or 3).
pub fn encode(reply: &Reply, protocol: u8, out: &mut Vec<u8>) {
    let resp3 = protocol >= 3;
    match reply {
        Reply::Status(s) => line(out, b'+', s),
        Reply::Error(e) => line(out, b'-', e),
        Reply::Integer(n) => int_line(out, b':', *n),
        Reply::Bulk(b) => bulk(out, b),
        Reply::Null => out.extend_from_slice(if resp3 { b"_\r\n" } else { b"$-1\r\n" }),
        Reply::NullArray => out.extend_from_slice(if resp3 { b"_\r\n" } else { b"*-1\r\n" }),
        Reply::Array(items) => {
            int_line(out, b'*', items.len() as i64);
            for item in items {
                encode(item, protocol, out);
            }
        }
        Reply::Set(items) => {
            int_line(out, if resp3 { b'~' } else { b'*' }, items.len() as i64);
            for item in items {
                encode(item, protocol, out);
            }
        }
        Reply::Push(items) => {
            int_line(out, if resp3 { b'>' } else { b'*' }, items.len() as i64);
            for item in items {
                encode(item, protocol, out);
            }
        }
        Reply::Map(pairs) => {
            if resp3 {
                int_line(out, b'%', pairs.len() as i64);
            } else {
                int_line(out, b'*', pairs.len() as i64 * 2);
            }
            for (k, v) in pairs {
                encode(k, protocol, out);
                encode(v, protocol, out);
            }
        }
        Reply::Double(d) => {
            let text = format_double(*d);
            if resp3 {
                line(out, b',', text.as_bytes());
            } else {
                bulk(out, text.as_bytes());
            }
        }
        Reply::DoubleText(text) => {
            if resp3 {
                line(out, b',', text);
            } else {
                bulk(out, text);
            }
        }
        Reply::BigNumber(n) => {
            if resp3 {
                line(out, b'(', n);
            } else {
                bulk(out, n);
            }
        }
        Reply::Boolean(b) => {
            if resp3 {
                out.extend_from_slice(if *b { b"#t\r\n" } else { b"#f\r\n" });
            } else {
                out.extend_from_slice(if *b { b":1\r\n" } else { b":0\r\n" });
            }
        }
        Reply::Verbatim { format, text } => {
            if resp3 {
                int_line(out, b'=', text.len() as i64 + 4);
                out.extend_from_slice(format);
                out.push(b':');
                out.extend_from_slice(text);
                out.extend_from_slice(b"\r\n");
            } else {
                bulk(out, text);
            }
        }
    }
}

fn line(out: &mut Vec<u8>, prefix: u8, text: &[u8]) {
    out.push(prefix);
    out.extend_from_slice(text);
    out.extend_from_slice(b"\r\n");
}

fn int_line(out: &mut Vec<u8>, prefix: u8, n: i64) {
    out.push(prefix);
    write_i64(out, n);
    out.extend_from_slice(b"\r\n");
}

/// Appends a bulk string.
pub fn bulk(out: &mut Vec<u8>, b: &[u8]) {
    int_line(out, b'$', b.len() as i64);
    out.extend_from_slice(b);
    out.extend_from_slice(b"\r\n");
}

/// Appends the decimal digits of `n`.
pub fn write_i64(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(redis_host::reply::decimal(n, &mut [0; 20]));
}

/// Formats a double as Redis 7.0 replies it: C's `%.17g`, with `inf`, `-inf` and `nan`.
pub fn format_double(d: f64) -> String {
    if d.is_nan() {
        // glibc prints the sign of a NaN (x86's 0/0 is negative).
        return if d.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if d.is_infinite() {
        return if d > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    format_g(d, 17)
}

/// C's `%.{precision}g` for a finite double.
pub fn format_g(d: f64, precision: usize) -> String {
    if d == 0.0 {
        return if d.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let p = precision.max(1);
    // `{:e}` rounds correctly to the requested significant digits.
    let sci = format!("{:.*e}", p - 1, d);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= p as i32 {
        let m = strip_fraction_zeros(mantissa);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        strip_fraction_zeros(&format!("{:.*}", decimals, d)).to_string()
    }
}

fn strip_fraction_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(r: &Reply, p: u8) -> String {
        let mut out = Vec::new();
        encode(r, p, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn resp3_kinds_downgrade_for_resp2() {
        let map = Reply::Map(vec![(Reply::bulk("a"), Reply::Integer(1))]);
        assert_eq!(enc(&map, 2), "*2\r\n$1\r\na\r\n:1\r\n");
        assert_eq!(enc(&map, 3), "%1\r\n$1\r\na\r\n:1\r\n");
        assert_eq!(
            enc(&Reply::Double(0.1), 2),
            "$19\r\n0.10000000000000001\r\n"
        );
        assert_eq!(enc(&Reply::Double(1.5), 3), ",1.5\r\n");
        assert_eq!(enc(&Reply::Boolean(true), 2), ":1\r\n");
        assert_eq!(enc(&Reply::Null, 2), "$-1\r\n");
        assert_eq!(enc(&Reply::NullArray, 2), "*-1\r\n");
        assert_eq!(enc(&Reply::NullArray, 3), "_\r\n");
        assert_eq!(enc(&Reply::Integer(-42), 2), ":-42\r\n");
    }

    #[test]
    fn doubles_print_like_percent_17g() {
        assert_eq!(format_double(3.0), "3");
        assert_eq!(format_double(1e17), "1e+17");
        assert_eq!(format_double(1.5e-5), "1.5e-05");
        assert_eq!(format_double(0.1), "0.10000000000000001");
        assert_eq!(format_double(123456.0), "123456");
        assert_eq!(format_double(f64::NEG_INFINITY), "-inf");
        assert_eq!(format_double(-0.0), "-0");
    }
}
