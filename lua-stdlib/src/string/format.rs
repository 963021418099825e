//! `string.format`: lstrlib.c's `str_format`, with C printf's conversions
//! reproduced byte for byte (glibc's output on x86-64, which lua5.1 shows).
//!
//! Each `%` item is parsed as lua5.1 parses it (at most 5 flag characters,
//! 2 width digits, 2 precision digits) and formatted as `sprintf` would with
//! the C type lua5.1 casts the argument to: `long` for `%d %i`, `unsigned long`
//! for `%o %u %x %X`, `int` for `%c`, `double` for the floats.

use std::borrow::Cow;
use std::fmt;

use lua_core::number::{fmt_e, fmt_f, fmt_g, to_c_int as to_int, to_c_long as to_long};

/// The arguments of one `string.format` call, as the library reads them.
/// Argument 1 is the format string itself; items use 2, 3, ...
pub trait FormatArgs {
    /// The caller's error type; format's own errors convert into it.
    type Error: From<FormatError>;
    /// Fails with `bad argument #arg to 'format' (no value)` when the call has
    /// fewer than `arg` arguments.
    fn check_present(&mut self, arg: usize) -> Result<(), Self::Error>;
    /// `luaL_checknumber(arg)`.
    fn number(&mut self, arg: usize) -> Result<f64, Self::Error>;
    /// `luaL_checklstring(arg)` (numbers convert to their `%.14g` text).
    fn string(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, Self::Error>;
}

/// An invalid format string, with lua5.1's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatError {
    /// `invalid option '%y' to 'format'` (a NUL option shows as nothing).
    InvalidOption(u8),
    /// More than 5 flag characters.
    RepeatedFlags,
    /// A width or a precision of more than 2 digits.
    TooLong,
}

impl FormatError {
    /// The message, as bytes (the option byte is shown raw, as lua5.1 does).
    pub fn message(&self) -> Vec<u8> {
        match self {
            FormatError::InvalidOption(c) => {
                let mut m = b"invalid option '%".to_vec();
                if *c != 0 {
                    m.push(*c);
                }
                m.extend_from_slice(b"' to 'format'");
                m
            }
            FormatError::RepeatedFlags => b"invalid format (repeated flags)".to_vec(),
            FormatError::TooLong => b"invalid format (width or precision too long)".to_vec(),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.message()))
    }
}

impl std::error::Error for FormatError {}

/// The flags, width and precision of one item (C's `%[flags][width][.precision]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alternate: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

const FLAGS: &[u8] = b"-+ #0";

/// `scanformat`: parses the item after `%` starting at `fmt[at]`; returns the
/// spec and the index of the conversion character.
fn scan_spec(fmt: &[u8], mut at: usize) -> Result<(Spec, usize), FormatError> {
    let byte = |i: usize| fmt.get(i).copied().unwrap_or(0);
    let mut spec = Spec::default();
    let flags_start = at;
    while FLAGS.contains(&byte(at)) && byte(at) != 0 {
        match byte(at) {
            b'-' => spec.left = true,
            b'+' => spec.plus = true,
            b' ' => spec.space = true,
            b'#' => spec.alternate = true,
            _ => spec.zero = true,
        }
        at += 1;
    }
    if at - flags_start > FLAGS.len() {
        return Err(FormatError::RepeatedFlags);
    }
    let digits = |at: &mut usize| {
        let mut n = 0;
        for _ in 0..2 {
            if byte(*at).is_ascii_digit() {
                n = n * 10 + usize::from(byte(*at) - b'0');
                *at += 1;
            }
        }
        n
    };
    spec.width = digits(&mut at);
    if byte(at) == b'.' {
        at += 1;
        spec.precision = Some(digits(&mut at));
    }
    if byte(at).is_ascii_digit() {
        return Err(FormatError::TooLong);
    }
    Ok((spec, at))
}

/// C's `(unsigned long)x` as gcc compiles it on x86-64 (negative values wrap
/// as `long` does; values from 2^63 on are converted offset by 2^63).
fn to_ulong(x: f64) -> u64 {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if x >= TWO_63 {
        (to_long(x - TWO_63) as u64) ^ (1 << 63)
    } else {
        to_long(x) as u64
    }
}

/// Writes `prefix` (sign or `0x`) and `body` padded to the width: spaces on the
/// left, spaces on the right (`-`), or zeros between prefix and body (`0`).
fn pad(out: &mut Vec<u8>, spec: &Spec, zero_pad: bool, prefix: &[u8], body: &[u8]) {
    let fill = spec.width.saturating_sub(prefix.len() + body.len());
    if spec.left {
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.resize(out.len() + fill, b' ');
    } else if zero_pad {
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(body);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

/// The sign prefix for a non-negative or negative value under `+` and ` `.
fn sign(spec: &Spec, negative: bool) -> &'static [u8] {
    if negative {
        b"-"
    } else if spec.plus {
        b"+"
    } else if spec.space {
        b" "
    } else {
        b""
    }
}

/// Digits of `n` in `radix`, at least `precision` of them (none for a 0 with
/// precision 0, as C prints).
fn integer_digits(n: u64, radix: u32, upper: bool, precision: Option<usize>) -> Vec<u8> {
    let mut digits = Vec::new();
    let mut n = n;
    while n > 0 {
        let d = (n % u64::from(radix)) as u8;
        digits.push(match d {
            0..=9 => b'0' + d,
            _ if upper => b'A' + d - 10,
            _ => b'a' + d - 10,
        });
        n /= u64::from(radix);
    }
    let min = precision.unwrap_or(1);
    while digits.len() < min {
        digits.push(b'0');
    }
    digits.reverse();
    digits
}

/// `%d` / `%i` of a `long`.
fn format_signed(out: &mut Vec<u8>, spec: &Spec, n: i64) {
    let body = integer_digits(n.unsigned_abs(), 10, false, spec.precision);
    pad(
        out,
        spec,
        spec.zero && spec.precision.is_none(),
        sign(spec, n < 0),
        &body,
    );
}

/// `%o %u %x %X` of an `unsigned long`.
fn format_unsigned(out: &mut Vec<u8>, spec: &Spec, conversion: u8, n: u64) {
    let (radix, upper) = match conversion {
        b'o' => (8, false),
        b'u' => (10, false),
        b'x' => (16, false),
        _ => (16, true),
    };
    let mut body = integer_digits(n, radix, upper, spec.precision);
    let mut prefix: &[u8] = b"";
    if spec.alternate {
        match conversion {
            b'o' if body.first() != Some(&b'0') => body.insert(0, b'0'),
            b'x' if n != 0 => prefix = b"0x",
            b'X' if n != 0 => prefix = b"0X",
            _ => {}
        }
    }
    pad(
        out,
        spec,
        spec.zero && spec.precision.is_none(),
        prefix,
        &body,
    );
}

/// `%e %E %f %g %G` of a double.
fn format_float(out: &mut Vec<u8>, spec: &Spec, conversion: u8, x: f64) {
    let precision = spec.precision.unwrap_or(6);
    let text = match conversion.to_ascii_lowercase() {
        b'e' => fmt_e(x, precision, spec.alternate),
        b'f' => fmt_f(x, precision, spec.alternate),
        _ => fmt_g(x, precision, spec.alternate),
    };
    let mut text = text.into_bytes();
    if conversion.is_ascii_uppercase() {
        text.make_ascii_uppercase();
    }
    let (negative, body) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, &text[..]),
    };
    pad(
        out,
        spec,
        spec.zero && x.is_finite(),
        sign(spec, negative),
        body,
    );
}

/// `addquoted`: `%q`, a string Lua can read back.
fn format_quoted(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    for &c in s {
        match c {
            b'"' | b'\\' | b'\n' => out.extend_from_slice(&[b'\\', c]),
            b'\r' => out.extend_from_slice(b"\\r"),
            0 => out.extend_from_slice(b"\\000"),
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

/// Strings at least this long are copied whole by `%s` without a precision
/// (lua5.1 does not pass them through its fixed-size sprintf buffer).
const LONG_STRING: usize = 100;

/// `%s` of `s`.
fn format_string(out: &mut Vec<u8>, spec: &Spec, s: &[u8]) {
    if spec.precision.is_none() && s.len() >= LONG_STRING {
        out.extend_from_slice(s);
        return;
    }
    // C's %s reads up to the first NUL.
    let end = s.iter().position(|&c| c == 0).unwrap_or(s.len());
    let end = spec.precision.map_or(end, |p| p.min(end));
    pad(out, spec, false, b"", &s[..end]);
}

/// `%c` of an `int`: the byte, unless it is NUL, which ends C's buffer.
fn format_char(out: &mut Vec<u8>, spec: &Spec, c: i32) {
    let byte = c as u8;
    if byte == 0 {
        if !spec.left {
            out.resize(out.len() + spec.width.saturating_sub(1), b' ');
        }
        return;
    }
    pad(out, spec, false, b"", &[byte]);
}

/// `string.format(fmt, ...)`: appends the formatted text to `out`.
pub fn format<A: FormatArgs>(fmt: &[u8], args: &mut A, out: &mut Vec<u8>) -> Result<(), A::Error> {
    let mut arg = 1;
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        if fmt.get(i) == Some(&b'%') {
            out.push(b'%');
            i += 1;
            continue;
        }
        arg += 1;
        args.check_present(arg)?;
        let (spec, at) = scan_spec(fmt, i)?;
        let conversion = fmt.get(at).copied().unwrap_or(0);
        i = at + 1;
        match conversion {
            b'c' => {
                let n = args.number(arg)?;
                format_char(out, &spec, to_int(n));
            }
            b'd' | b'i' => {
                let n = args.number(arg)?;
                format_signed(out, &spec, to_long(n));
            }
            b'o' | b'u' | b'x' | b'X' => {
                let n = args.number(arg)?;
                format_unsigned(out, &spec, conversion, to_ulong(n));
            }
            b'e' | b'E' | b'f' | b'g' | b'G' => {
                let n = args.number(arg)?;
                format_float(out, &spec, conversion, n);
            }
            b'q' => format_quoted(out, &args.string(arg)?),
            b's' => format_string(out, &spec, &args.string(arg)?),
            _ => return Err(FormatError::InvalidOption(conversion).into()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::unescape;

    #[derive(Debug, Clone)]
    enum Arg {
        Num(f64),
        Str(Vec<u8>),
    }

    #[derive(Debug, PartialEq)]
    enum TestError {
        Format(Vec<u8>),
        Arg(String),
    }

    impl From<FormatError> for TestError {
        fn from(e: FormatError) -> Self {
            TestError::Format(e.message())
        }
    }

    struct Args(Vec<Arg>);

    impl FormatArgs for Args {
        type Error = TestError;
        fn check_present(&mut self, arg: usize) -> Result<(), TestError> {
            if arg - 2 < self.0.len() {
                Ok(())
            } else {
                Err(TestError::Arg(format!(
                    "bad argument #{arg} to 'format' (no value)"
                )))
            }
        }
        fn number(&mut self, arg: usize) -> Result<f64, TestError> {
            match &self.0[arg - 2] {
                Arg::Num(n) => Ok(*n),
                Arg::Str(s) => lua_core::number::str_to_number(s).ok_or_else(|| {
                    TestError::Arg(format!(
                        "bad argument #{arg} to 'format' (number expected, got string)"
                    ))
                }),
            }
        }
        fn string(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, TestError> {
            Ok(match &self.0[arg - 2] {
                Arg::Num(n) => Cow::Owned(lua_core::number::fmt_number(*n).into_bytes()),
                Arg::Str(s) => Cow::Borrowed(s),
            })
        }
    }

    fn run(fmt: &[u8], args: &[Arg]) -> Result<Vec<u8>, TestError> {
        let mut out = Vec::new();
        format(fmt, &mut Args(args.to_vec()), &mut out)?;
        Ok(out)
    }

    fn n(x: f64) -> Arg {
        Arg::Num(x)
    }

    fn s(x: &str) -> Arg {
        Arg::Str(x.as_bytes().to_vec())
    }

    fn ok(fmt: &str, args: &[Arg]) -> String {
        String::from_utf8(run(fmt.as_bytes(), args).expect("format failed")).expect("utf8")
    }

    fn err(fmt: &str, args: &[Arg]) -> TestError {
        run(fmt.as_bytes(), args).expect_err("format succeeded")
    }

    fn parse_arg(text: &str) -> Arg {
        if let Some(num) = text.strip_prefix("n:") {
            n(match num {
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "nan" => f64::NAN,
                "-nan" => -f64::NAN,
                _ => num.parse().expect("number"),
            })
        } else {
            Arg::Str(unescape(text.strip_prefix("s:").expect("s: argument")))
        }
    }

    /// Runs every case of a recorded data file (a result, or `error:` and the
    /// message lua5.1 gave through `pcall`); returns the number of cases.
    fn check_recorded(data: &str) -> usize {
        let mut failures = Vec::new();
        let mut count = 0;
        for line in data.lines() {
            let mut fields = line.split('\t');
            let (Some(fmt), Some(arg), Some(expected)) =
                (fields.next(), fields.next(), fields.next())
            else {
                panic!("bad line {line:?}");
            };
            count += 1;
            let got = match run(&unescape(fmt), &[parse_arg(arg)]) {
                Ok(out) => out,
                Err(TestError::Format(message)) => [&b"error:"[..], &message].concat(),
                // Called through pcall, lua5.1 cannot name the function.
                Err(TestError::Arg(message)) => {
                    format!("error:{}", message.replace("to 'format'", "to '?'")).into_bytes()
                }
            };
            if got != unescape(expected) {
                let got = String::from_utf8_lossy(&got);
                failures.push(format!("{fmt} {arg}: expected {expected:?}, got {got:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures[..failures.len().min(40)].join("\n")
        );
        count
    }

    /// Every case lua5.1 recorded in testdata/format.txt (see format.lua there).
    #[test]
    fn matches_lua51_recorded_cases() {
        assert!(check_recorded(include_str!("testdata/format.txt")) > 15000);
    }

    /// Random format strings (testdata/format_random.lua), errors included.
    #[test]
    fn matches_lua51_on_random_formats() {
        assert_eq!(
            check_recorded(include_str!("testdata/format_random.txt")),
            4000
        );
    }

    #[test]
    fn common_items() {
        assert_eq!(
            ok(
                "%5.2f|%+d|%#x|%#o|%.3s|% d|%#X|%#.0f|%#g|%g",
                &[
                    n(3.14158),
                    n(5.0),
                    n(255.0),
                    n(8.0),
                    s("abcdef"),
                    n(3.0),
                    n(255.0),
                    n(3.0),
                    n(1.5),
                    n(1e20)
                ]
            ),
            " 3.14|+5|0xff|010|abc| 3|0XFF|3.|1.50000|1e+20"
        );
        assert_eq!(
            ok("%-10s|%5s|%%|%i", &[s("ab"), s("xy"), n(42.0)]),
            "ab        |   xy|%|42"
        );
        assert_eq!(ok("%5s", &[n(12.0)]), "   12");
        assert_eq!(ok("%s", &[n(1.0 / 3.0)]), "0.33333333333333");
    }

    #[test]
    fn integer_conversions_cast_like_c() {
        assert_eq!(
            ok("%d %d %d", &[n(3.7), n(-3.7), n(2f64.powi(63))]),
            "3 -3 -9223372036854775808"
        );
        assert_eq!(
            ok("%x|%u|%o", &[n(-1.0), n(-1.5), n(2f64.powi(64))]),
            "ffffffffffffffff|18446744073709551615|0"
        );
        assert_eq!(ok("%c%c", &[n(65.9), n(-191.0)]), "AA");
    }

    #[test]
    fn nul_bytes_end_c_buffers() {
        assert_eq!(ok("%c", &[n(0.0)]), "");
        assert_eq!(ok("%5c|", &[n(0.0)]), "    |");
        assert_eq!(run(b"%s", &[s("a\0b")]), Ok(b"a".to_vec()));
        assert_eq!(
            run(b"%q", &[s("a\0b\n\r\"\\")]),
            Ok(b"\"a\\000b\\\n\\r\\\"\\\\\"".to_vec())
        );
        let long = "x\0".repeat(60);
        assert_eq!(ok("%s", &[s(&long)]), long);
        assert_eq!(ok("%5s", &[s(&"y".repeat(100))]), "y".repeat(100));
    }

    #[test]
    fn errors_as_lua51() {
        let fmt_err = |m: &str| TestError::Format(m.as_bytes().to_vec());
        assert_eq!(
            err("%y", &[n(1.0)]),
            fmt_err("invalid option '%y' to 'format'")
        );
        assert_eq!(
            err("abc%", &[n(1.0)]),
            fmt_err("invalid option '%' to 'format'")
        );
        assert_eq!(
            err("%5%", &[n(1.0)]),
            fmt_err("invalid option '%%' to 'format'")
        );
        assert_eq!(
            err("%l", &[n(1.0)]),
            fmt_err("invalid option '%l' to 'format'")
        );
        assert_eq!(
            err("%------d", &[n(1.0)]),
            fmt_err("invalid format (repeated flags)")
        );
        assert_eq!(ok("%-----d", &[n(1.0)]), "1");
        assert_eq!(
            err("%123d", &[n(1.0)]),
            fmt_err("invalid format (width or precision too long)")
        );
        assert_eq!(
            err("%1.123d", &[n(1.0)]),
            fmt_err("invalid format (width or precision too long)")
        );
        assert_eq!(
            err("%5%", &[]),
            TestError::Arg("bad argument #2 to 'format' (no value)".into())
        );
        assert_eq!(
            err("%d", &[s("x")]),
            TestError::Arg("bad argument #2 to 'format' (number expected, got string)".into())
        );
    }
}
