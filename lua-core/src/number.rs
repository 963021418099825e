//! Numbers to text and text to numbers, as lua5.1 does them through the C library.
//!
//! Lua 5.1 prints numbers with `printf("%.14g")` and reads them with `strtod`
//! (lobject.c `luaO_str2d`); users see both, so both are reproduced here:
//! glibc's `%e`/`%f`/`%g` (exactly rounded, ties to even) and `strtod`'s
//! grammar (decimal, hexadecimal with optional binary exponent, `inf`,
//! `infinity`, `nan`, `nan(...)`, leading whitespace and sign).

use std::fmt::Write as _;

/// Formats `v` as `%.14g`: what `tostring`, `print` and `..` produce.
pub fn fmt_number(v: f64) -> String {
    fmt_g(v, 14, false)
}

/// Appends `%.14g` of `v` to `out` without an intermediate allocation for the common
/// case of small integers.
pub fn write_number(out: &mut Vec<u8>, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e14 && !(v == 0.0 && v.is_sign_negative()) {
        write_integer(out, v as i64);
    } else {
        out.extend_from_slice(fmt_number(v).as_bytes());
    }
}

/// Appends the decimal digits of `n`.
pub fn write_integer(out: &mut Vec<u8>, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut m = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[at..]);
}

/// The text C prints for a non-finite value (`%e`, `%f` and `%g` alike):
/// `inf`, `-inf`, `nan`, `-nan` (the sign bit of a NaN is shown, as glibc does).
fn non_finite(v: f64) -> &'static str {
    match (v.is_nan(), v.is_sign_negative()) {
        (true, false) => "nan",
        (true, true) => "-nan",
        (false, false) => "inf",
        (false, true) => "-inf",
    }
}

/// `%.{prec}e`, with C's exponent form (`e+05`, at least two digits).
/// `alternate` is the `#` flag: always print the decimal point.
pub fn fmt_e(v: f64, prec: usize, alternate: bool) -> String {
    if !v.is_finite() {
        return non_finite(v).to_string();
    }
    let s = format!("{:.*e}", prec, v);
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut out = String::with_capacity(mantissa.len() + 6);
    out.push_str(mantissa);
    if alternate && prec == 0 {
        out.push('.');
    }
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let _ = write!(out, "{:02}", exp.unsigned_abs());
    out
}

/// `%.{prec}f`. `alternate` is the `#` flag.
pub fn fmt_f(v: f64, prec: usize, alternate: bool) -> String {
    if !v.is_finite() {
        return non_finite(v).to_string();
    }
    let mut s = format!("{:.*}", prec, v);
    if alternate && prec == 0 {
        s.push('.');
    }
    s
}

/// `%.{prec}g`. `alternate` is the `#` flag (keep trailing zeros and the point).
pub fn fmt_g(v: f64, prec: usize, alternate: bool) -> String {
    if !v.is_finite() {
        return non_finite(v).to_string();
    }
    let p = if prec == 0 { 1 } else { prec };
    // Integers with fewer digits than the precision print as themselves: the
    // common case (counters, ids), without the exact decimal expansion.
    if !alternate && v.fract() == 0.0 && v.abs() < 1e15 && v.abs() < 10f64.powi(p as i32) {
        if v == 0.0 && v.is_sign_negative() {
            return "-0".to_string();
        }
        return (v as i64).to_string();
    }
    // The exponent %e would print, after rounding to p significant digits.
    let e_form = format!("{:.*e}", p - 1, v);
    let exp: i64 = e_form
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut s = if exp < -4 || exp >= p as i64 {
        fmt_e(v, p - 1, alternate)
    } else {
        fmt_f(v, (p as i64 - 1 - exp) as usize, alternate)
    };
    if !alternate {
        strip_trailing_zeros(&mut s);
    }
    s
}

/// Removes the zeros at the end of the fraction (and a bare point), leaving any exponent.
fn strip_trailing_zeros(s: &mut String) {
    let exp_at = s.find('e').unwrap_or(s.len());
    let (body, exp) = s.split_at(exp_at);
    if !body.contains('.') {
        return;
    }
    let trimmed = body.trim_end_matches('0').trim_end_matches('.');
    *s = format!("{trimmed}{exp}");
}

fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// C's `strtod` on `s`: the value and how many bytes it used (0 when nothing
/// could be read). A NUL byte ends the text, as it does for C.
pub fn strtod(s: &[u8]) -> (f64, usize) {
    let s = match s.iter().position(|&c| c == 0) {
        Some(n) => &s[..n],
        None => s,
    };
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let rest = &s[i..];
    let (magnitude, used) = if starts_with_ignore_case(rest, b"inf") {
        let n = if starts_with_ignore_case(rest, b"infinity") {
            8
        } else {
            3
        };
        (f64::INFINITY, n)
    } else if starts_with_ignore_case(rest, b"nan") {
        let mut n = 3;
        if rest.get(3) == Some(&b'(') {
            let close = rest[4..]
                .iter()
                .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'));
            if let Some(k) = close {
                if rest[4 + k] == b')' {
                    n = 4 + k + 1;
                }
            }
        }
        (f64::NAN, n)
    } else if rest.len() >= 2 && rest[0] == b'0' && (rest[1] == b'x' || rest[1] == b'X') {
        match parse_hex_float(&rest[2..]) {
            Some((v, n)) => (v, 2 + n),
            // "0x" with no hex digit: strtod reads the "0".
            None => (0.0, 1),
        }
    } else {
        match parse_decimal(rest) {
            Some(r) => r,
            None => return (0.0, 0),
        }
    };
    // glibc's strtod gives NaN its sign bit from the text's sign.
    let v = if negative { -magnitude } else { magnitude };
    (v, i + used)
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Decimal digits, optional point and fraction, optional exponent.
fn parse_decimal(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    let digits_before = count_while(&s[i..], |c| c.is_ascii_digit());
    i += digits_before;
    let mut digits_after = 0;
    if s.get(i) == Some(&b'.') {
        digits_after = count_while(&s[i + 1..], |c| c.is_ascii_digit());
        if digits_before > 0 || digits_after > 0 {
            i += 1 + digits_after;
        }
    }
    if digits_before == 0 && digits_after == 0 {
        return None;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_digits = count_while(&s[j..], |c| c.is_ascii_digit());
        if exp_digits > 0 {
            i = j + exp_digits;
        }
    }
    let text = std::str::from_utf8(&s[..i]).ok()?;
    let text = text.strip_suffix('.').unwrap_or(text);
    let v: f64 = if let Some(t) = text.strip_prefix('.') {
        format!("0.{t}").parse().ok()?
    } else {
        text.parse().ok()?
    };
    Some((v, i))
}

fn count_while(s: &[u8], f: impl Fn(u8) -> bool) -> usize {
    s.iter().take_while(|&&c| f(c)).count()
}

/// Hex digits after "0x", optional point and fraction, optional `p` exponent.
fn parse_hex_float(s: &[u8]) -> Option<(f64, usize)> {
    let mut mantissa: u64 = 0;
    let mut exp2: i64 = 0;
    let mut sticky = false;
    let mut any = false;
    let mut i = 0;
    let mut seen_point = false;
    while i < s.len() {
        let c = s[i];
        if c == b'.' && !seen_point {
            seen_point = true;
            i += 1;
            continue;
        }
        let Some(d) = (c as char).to_digit(16) else {
            break;
        };
        any = true;
        if mantissa >> 60 == 0 {
            mantissa = mantissa << 4 | d as u64;
            if seen_point {
                exp2 -= 4;
            }
        } else {
            sticky |= d != 0;
            if !seen_point {
                exp2 += 4;
            }
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if matches!(s.get(i), Some(b'p' | b'P')) {
        let mut j = i + 1;
        let mut neg = false;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            neg = s[j] == b'-';
            j += 1;
        }
        let n = count_while(&s[j..], |c| c.is_ascii_digit());
        if n > 0 {
            let e: i64 = s[j..j + n]
                .iter()
                .fold(0i64, |acc, &c| (acc * 10 + (c - b'0') as i64).min(100_000));
            exp2 += if neg { -e } else { e };
            i = j + n;
        }
    }
    // A nonzero digit beyond the 60 bits kept only matters for rounding ties.
    if sticky {
        mantissa |= 1;
    }
    Some((ldexp(mantissa as f64, exp2), i))
}

/// C's `(long)x` on x86-64, how lua5.1 turns numbers into `lua_Integer`
/// (`luaL_checkinteger`): truncation; NaN and out-of-range give `LONG_MIN`.
pub fn to_c_long(x: f64) -> i64 {
    if x.is_nan() || !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        i64::MIN
    } else {
        x as i64
    }
}

/// C's `(int)x` on x86-64: truncation; NaN and out-of-range give `INT_MIN`.
pub fn to_c_int(x: f64) -> i32 {
    if x.is_nan() || !(-2_147_483_648.0..2_147_483_648.0).contains(&x) {
        i32::MIN
    } else {
        x as i32
    }
}

/// `x * 2^e` without intermediate overflow or underflow.
pub fn ldexp(mut x: f64, mut e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
        if x == 0.0 {
            return x;
        }
    }
    x * 2f64.powi(e as i32)
}

/// lobject.c `luaO_str2d`: the number a string converts to in arithmetic,
/// `tonumber` and the lexer. Hexadecimal integers go through `strtoul`, the
/// rest through `strtod`; trailing whitespace is allowed, anything else is not.
pub fn str_to_number(s: &[u8]) -> Option<f64> {
    let (mut v, mut used) = strtod(s);
    if used == 0 {
        return None;
    }
    let s = match s.iter().position(|&c| c == 0) {
        Some(n) => &s[..n],
        None => s,
    };
    if matches!(s.get(used), Some(b'x' | b'X')) {
        let (n, u) = strtoul_hex(s);
        v = n;
        used = u;
    }
    if s[used..].iter().all(|&c| is_c_space(c)) {
        Some(v)
    } else {
        None
    }
}

/// `strtoul(s, &end, 16)` as a double, saturating at `ULONG_MAX` as C does.
fn strtoul_hex(s: &[u8]) -> (f64, usize) {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    if s.len() >= i + 2 && s[i] == b'0' && (s[i + 1] | 0x20) == b'x' {
        let has_digit = s.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit());
        if has_digit {
            i += 2;
        }
    }
    let start = i;
    let mut n: u64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(i).and_then(|&c| (c as char).to_digit(16)) {
        match n.checked_mul(16).and_then(|m| m.checked_add(d as u64)) {
            Some(m) => n = m,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return (0.0, 0);
    }
    if overflow {
        n = u64::MAX;
    } else if negative {
        n = n.wrapping_neg();
    }
    (n as f64, i)
}

#[cfg(test)]
mod tests {

    #[test]
    fn integers_take_the_short_path_only_below_the_precision() {
        assert_eq!(fmt_g(100.0, 3, false), "100");
        assert_eq!(fmt_g(1000.0, 3, false), "1e+03");
        assert_eq!(fmt_g(123456.0, 3, false), "1.23e+05");
        assert_eq!(fmt_g(-0.0, 17, false), "-0");
        assert_eq!(fmt_g(999999999999999.0, 17, false), "999999999999999");
        assert_eq!(fmt_g(1e15, 17, false), "1000000000000000");
        assert_eq!(fmt_g(-42.0, 17, false), "-42");
        assert_eq!(fmt_g(42.0, 17, true), "42.000000000000000");
    }

    use super::*;

    #[test]
    fn prints_as_percent_14g() {
        let cases: [(f64, &str); 14] = [
            (1.0, "1"),
            (-0.0, "-0"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.33333333333333"),
            (1e15, "1e+15"),
            (1e14, "1e+14"),
            (123456789012345678.0, "1.2345678901235e+17"),
            (2f64.powi(53), "9.007199254741e+15"),
            (2f64.powi(63), "9.2233720368548e+18"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (100.0, "100"),
        ];
        for (v, want) in cases {
            assert_eq!(fmt_number(v), want, "{v:?}");
            let mut buf = Vec::new();
            write_number(&mut buf, v);
            assert_eq!(buf, want.as_bytes(), "{v:?}");
        }
        assert_eq!(fmt_number(-f64::NAN), "-nan");
        assert_eq!(fmt_number(f64::NAN), "nan");
    }

    #[test]
    fn printf_forms() {
        assert_eq!(fmt_e(125.0, 2, false), "1.25e+02");
        assert_eq!(fmt_e(1.0, 0, true), "1.e+00");
        assert_eq!(fmt_f(0.25, 1, false), "0.2");
        assert_eq!(fmt_f(2.5, 0, false), "2");
        assert_eq!(fmt_g(100000.0, 6, false), "100000");
        assert_eq!(fmt_g(1000000.0, 6, false), "1e+06");
        assert_eq!(fmt_g(1.5, 6, true), "1.50000");
        assert_eq!(fmt_g(0.0, 0, false), "0");
    }

    #[test]
    fn reads_as_luao_str2d() {
        let cases: [(&[u8], Option<f64>); 18] = [
            (b"0x10", Some(16.0)),
            (b" 0x1p4 ", Some(16.0)),
            (b"0x", None),
            (b"1e", None),
            (b"1e+", None),
            (b" 12 ", Some(12.0)),
            (b"0X1.8", Some(1.5)),
            (b"1e500", Some(f64::INFINITY)),
            (b"  ", None),
            (b"", None),
            (b"- 1", None),
            (b"+-5", None),
            (b".5", Some(0.5)),
            (b"5.", Some(5.0)),
            (b"0x.8", Some(0.5)),
            (b"infinity", Some(f64::INFINITY)),
            (b"0x100000000000000001", Some(2.9514790517935283e20)),
            (b"10\0a", Some(10.0)),
        ];
        for (s, want) in cases {
            assert_eq!(str_to_number(s), want, "{:?}", String::from_utf8_lossy(s));
        }
        assert!(str_to_number(b"nan(123)").unwrap().is_nan());
        assert!(str_to_number(b"-nan").unwrap().is_sign_negative());
        assert_eq!(str_to_number(b"."), None);
    }
}
