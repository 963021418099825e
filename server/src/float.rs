//! INCRBYFLOAT arithmetic: x87 80-bit `long double`, emulated exactly.
//!
//! Redis parses with `strtold`, adds in `long double` and prints with `%.17Lf` minus the
//! trailing zeros, so `10.5 + 0.1` is `10.6` and results differ from f64 arithmetic in
//! the last digits. Here a long double is a 64-bit mantissa and a binary exponent;
//! parsing, adding and printing go through exact big-integer arithmetic with
//! round-half-even, which is what the x87 unit and glibc do.

use std::cmp::Ordering;

use crate::executor::err;
use crate::reply::Reply;

/// Binary exponent of the smallest subnormal long double's unit (2^-16445).
const MIN_EXP: i64 = -16445;
/// Largest binary exponent of a 64-bit mantissa unit before overflow.
const MAX_EXP: i64 = 16384 - 64;

/// An unsigned big integer, little-endian 32-bit limbs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn bit_len(&self) -> i64 {
        match self.0.last() {
            None => 0,
            Some(top) => (self.0.len() as i64 - 1) * 32 + (32 - top.leading_zeros() as i64),
        }
    }

    fn bit(&self, i: i64) -> bool {
        if i < 0 {
            return false;
        }
        let (w, b) = ((i / 32) as usize, i % 32);
        self.0.get(w).is_some_and(|x| x >> b & 1 == 1)
    }

    fn any_below(&self, i: i64) -> bool {
        (0..i.min(self.bit_len())).any(|k| self.bit(k))
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn add_small(&mut self, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            if carry == 0 {
                return;
            }
            let v = u64::from(*limb) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n >= 9 {
            self.mul_small(1_000_000_000);
            n -= 9;
        }
        self.mul_small(10u32.pow(n));
    }

    fn shl(&self, bits: i64) -> Big {
        let (words, b) = ((bits / 32) as usize, (bits % 32) as u32);
        let mut out = vec![0u32; words];
        let mut carry = 0u32;
        for &limb in &self.0 {
            if b == 0 {
                out.push(limb);
            } else {
                out.push(limb << b | carry);
                carry = limb >> (32 - b);
            }
        }
        if carry > 0 {
            out.push(carry);
        }
        let mut r = Big(out);
        r.trim();
        r
    }

    fn shr(&self, bits: i64) -> Big {
        let (words, b) = ((bits / 32) as usize, (bits % 32) as u32);
        let src = self.0.get(words..).unwrap_or(&[]);
        let mut out = Vec::with_capacity(src.len());
        for (i, &limb) in src.iter().enumerate() {
            let hi = if b == 0 {
                0
            } else {
                src.get(i + 1).map_or(0, |&n| n << (32 - b))
            };
            out.push(limb >> b | hi);
        }
        let mut r = Big(out);
        r.trim();
        r
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    /// `self - other`, for `self >= other`.
    fn sub(&self, other: &Big) -> Big {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for (i, &a) in self.0.iter().enumerate() {
            let v = i64::from(a) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            if v < 0 {
                out.push((v + (1 << 32)) as u32);
                borrow = 1;
            } else {
                out.push(v as u32);
                borrow = 0;
            }
        }
        let mut r = Big(out);
        r.trim();
        r
    }

    fn add(&self, other: &Big) -> Big {
        let mut out = Vec::with_capacity(self.0.len().max(other.0.len()) + 1);
        let mut carry = 0u64;
        for i in 0..self.0.len().max(other.0.len()) {
            let v = u64::from(self.0.get(i).copied().unwrap_or(0))
                + u64::from(other.0.get(i).copied().unwrap_or(0))
                + carry;
            out.push(v as u32);
            carry = v >> 32;
        }
        if carry > 0 {
            out.push(carry as u32);
        }
        Big(out)
    }

    fn low_u64(&self) -> u64 {
        u64::from(self.0.first().copied().unwrap_or(0))
            | u64::from(self.0.get(1).copied().unwrap_or(0)) << 32
    }

    fn to_decimal(&self) -> String {
        if self.is_zero() {
            return "0".to_string();
        }
        let mut limbs = self.0.clone();
        let mut chunks = Vec::new();
        while !limbs.is_empty() {
            let mut rem = 0u64;
            for limb in limbs.iter_mut().rev() {
                let v = rem << 32 | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                rem = v % 1_000_000_000;
            }
            while limbs.last() == Some(&0) {
                limbs.pop();
            }
            chunks.push(rem as u32);
        }
        let mut s = String::new();
        for (i, c) in chunks.iter().rev().enumerate() {
            if i == 0 {
                s.push_str(&c.to_string());
            } else {
                s.push_str(&format!("{c:09}"));
            }
        }
        s
    }
}

/// A long double: `(-1)^neg * mant * 2^exp`, or an infinity.
#[derive(Debug, Clone, PartialEq)]
enum LongDouble {
    Finite { neg: bool, mant: u64, exp: i64 },
    Inf { neg: bool },
}

/// Rounds `n * 2^exp` to a long double (round half to even).
fn round(neg: bool, n: &Big, exp: i64) -> LongDouble {
    if n.is_zero() {
        return LongDouble::Finite {
            neg,
            mant: 0,
            exp: 0,
        };
    }
    let shift = (n.bit_len() - 64).max(MIN_EXP - exp);
    let (mut mant, mut exp) = if shift <= 0 {
        (n.low_u64(), exp)
    } else {
        let kept = n.shr(shift);
        let half = n.bit(shift - 1);
        let sticky = n.any_below(shift - 1);
        let mut m = kept.low_u64();
        let mut e = exp + shift;
        if half && (sticky || m & 1 == 1) {
            match m.checked_add(1) {
                Some(v) => m = v,
                None => {
                    m = 1 << 63;
                    e += 1;
                }
            }
        }
        (m, e)
    };
    if mant != 0 {
        // Keep the mantissa normalized when possible, for exponent checks.
        let lz = i64::from(mant.leading_zeros()).min(exp - MIN_EXP).max(0);
        mant <<= lz;
        exp -= lz;
    }
    if exp > MAX_EXP {
        return LongDouble::Inf { neg };
    }
    LongDouble::Finite { neg, mant, exp }
}

/// `strtold` with Redis's `string2ld` checks; `None` for what Redis refuses.
fn parse(s: &[u8]) -> Option<LongDouble> {
    if s.is_empty() || s.len() >= 5 * 1024 || s[0].is_ascii_whitespace() {
        return None;
    }
    let (neg, body) = match s[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    if lower == b"inf" || lower == b"infinity" {
        return Some(LongDouble::Inf { neg });
    }
    if let Some(hex) = lower.strip_prefix(b"0x") {
        return parse_hex(neg, hex);
    }
    let mut digits = Big(Vec::new());
    let mut exp10: i64 = 0;
    let mut seen_digit = false;
    let mut i = 0;
    let mut significant = 0;
    while i < body.len() && body[i].is_ascii_digit() {
        if significant < 800 {
            digits.mul_small(10);
            digits.add_small(u32::from(body[i] - b'0'));
            if !digits.is_zero() {
                significant += 1;
            }
        } else {
            exp10 += 1;
        }
        seen_digit = true;
        i += 1;
    }
    if i < body.len() && body[i] == b'.' {
        i += 1;
        while i < body.len() && body[i].is_ascii_digit() {
            if significant < 800 {
                digits.mul_small(10);
                digits.add_small(u32::from(body[i] - b'0'));
                exp10 -= 1;
                if !digits.is_zero() {
                    significant += 1;
                }
            }
            seen_digit = true;
            i += 1;
        }
    }
    if !seen_digit {
        return None;
    }
    if i < body.len() && (body[i] == b'e' || body[i] == b'E') {
        let rest = &body[i + 1..];
        let (eneg, edigits) = match rest.first() {
            Some(b'-') => (true, &rest[1..]),
            Some(b'+') => (false, &rest[1..]),
            _ => (false, rest),
        };
        if edigits.is_empty() || !edigits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let e: i64 = std::str::from_utf8(edigits)
            .ok()?
            .parse::<i64>()
            .unwrap_or(i64::MAX / 4)
            .min(100_000);
        exp10 += if eneg { -e } else { e };
        i = body.len();
    }
    if i != body.len() {
        return None;
    }
    if digits.is_zero() {
        return Some(LongDouble::Finite {
            neg,
            mant: 0,
            exp: 0,
        });
    }
    // Out of range either way: strtold reports ERANGE and Redis refuses.
    if !(-5800..=5000).contains(&exp10) {
        return None;
    }
    let value = if exp10 >= 0 {
        let mut n = digits;
        n.mul_pow10(exp10 as u32);
        round(neg, &n, 0)
    } else {
        let mut den = Big::from_u64(1);
        den.mul_pow10((-exp10) as u32);
        // Scale so the quotient has 66+ bits, then divide bit by bit.
        let k = 67 + den.bit_len() - digits.bit_len();
        let num = if k >= 0 {
            digits.shl(k)
        } else {
            digits.shr(-k)
        };
        let mut rem = num;
        let mut q = Big(Vec::new());
        let qbits = (rem.bit_len() - den.bit_len() + 1).max(0);
        for bit in (0..qbits).rev() {
            let d = den.shl(bit);
            q = q.shl(1);
            if rem.cmp(&d) != Ordering::Less {
                rem = rem.sub(&d);
                q.add_small(1);
            }
        }
        // A non-zero remainder is a sticky bit below the quotient.
        let q = if rem.is_zero() {
            q.shl(1)
        } else {
            let mut q2 = q.shl(1);
            q2.add_small(1);
            q2
        };
        round(neg, &q, -k - 1)
    };
    match value {
        LongDouble::Inf { .. } => None,
        LongDouble::Finite { mant: 0, .. } => None,
        v => Some(v),
    }
}

/// The hexadecimal form strtold accepts: `0x` digits, optional `.` digits, optional
/// `p` and a binary exponent.
fn parse_hex(neg: bool, s: &[u8]) -> Option<LongDouble> {
    let mut mant = Big(Vec::new());
    let mut exp2: i64 = 0;
    let mut seen = false;
    let mut i = 0;
    let mut after_dot = false;
    while i < s.len() {
        let c = s[i];
        if c == b'.' && !after_dot {
            after_dot = true;
        } else if let Some(d) = (c as char).to_digit(16) {
            seen = true;
            if mant.bit_len() < 4000 {
                mant.mul_small(16);
                mant.add_small(d);
                if after_dot {
                    exp2 -= 4;
                }
            } else if !after_dot {
                exp2 += 4;
            }
        } else {
            break;
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if i < s.len() && s[i] == b'p' {
        let e = std::str::from_utf8(&s[i + 1..]).ok()?;
        let e: i64 = e.parse::<i64>().ok()?.clamp(-100_000, 100_000);
        exp2 += e;
        i = s.len();
    }
    if i != s.len() {
        return None;
    }
    match round(neg, &mant, exp2) {
        LongDouble::Inf { .. } => None,
        LongDouble::Finite { mant: 0, .. } if !mant.is_zero() => None,
        v => Some(v),
    }
}

fn add(a: &LongDouble, b: &LongDouble) -> LongDouble {
    match (a, b) {
        (LongDouble::Inf { neg: n1 }, LongDouble::Inf { neg: n2 }) if n1 != n2 => {
            // inf - inf is NaN: reported like an infinity by the caller.
            LongDouble::Inf { neg: false }
        }
        (LongDouble::Inf { neg }, _) | (_, LongDouble::Inf { neg }) => {
            LongDouble::Inf { neg: *neg }
        }
        (
            LongDouble::Finite {
                neg: n1,
                mant: m1,
                exp: e1,
            },
            LongDouble::Finite {
                neg: n2,
                mant: m2,
                exp: e2,
            },
        ) => {
            if *m2 == 0 {
                return a.clone();
            }
            if *m1 == 0 {
                return b.clone();
            }
            let e = (*e1).min(*e2);
            let x = Big::from_u64(*m1).shl(e1 - e);
            let y = Big::from_u64(*m2).shl(e2 - e);
            if n1 == n2 {
                round(*n1, &x.add(&y), e)
            } else {
                match x.cmp(&y) {
                    Ordering::Equal => LongDouble::Finite {
                        neg: false,
                        mant: 0,
                        exp: 0,
                    },
                    Ordering::Greater => round(*n1, &x.sub(&y), e),
                    Ordering::Less => round(*n2, &y.sub(&x), e),
                }
            }
        }
    }
}

/// `%.17Lf` with trailing zeros (and a trailing dot) removed, as Redis's `ld2string`.
fn format_human(v: &LongDouble) -> String {
    let LongDouble::Finite { neg, mant, exp } = v else {
        return "inf".to_string();
    };
    let n = Big::from_u64(*mant);
    let mut scaled = n;
    scaled.mul_pow10(17);
    let units = if *exp >= 0 {
        scaled.shl(*exp)
    } else {
        let s = -exp;
        let q = scaled.shr(s);
        let half = scaled.bit(s - 1);
        let sticky = scaled.any_below(s - 1);
        let mut q = q;
        if half && (sticky || q.bit(0)) {
            q.add_small(1);
        }
        q
    };
    let digits = units.to_decimal();
    let digits = format!("{digits:0>18}");
    let (int, frac) = digits.split_at(digits.len() - 17);
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if *neg {
        out.push('-');
    }
    out.push_str(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if out == "-0" {
        out = "0".to_string();
    }
    out
}

/// INCRBYFLOAT / HINCRBYFLOAT: `current + incr`, as Redis computes and prints it.
/// `current` is `None` for a missing key; `not_float` is the error for a bad `current`.
pub fn incr_by_float_with(
    current: Option<&[u8]>,
    incr: &[u8],
    not_float: &str,
) -> Result<Vec<u8>, Reply> {
    let base = match current {
        Some(s) => parse(s).ok_or_else(|| Reply::error(not_float))?,
        None => LongDouble::Finite {
            neg: false,
            mant: 0,
            exp: 0,
        },
    };
    let by = parse(incr).ok_or_else(|| Reply::error(err::NOT_FLOAT))?;
    match add(&base, &by) {
        LongDouble::Inf { .. } => Err(Reply::error("ERR increment would produce NaN or Infinity")),
        v => Ok(format_human(&v).into_bytes()),
    }
}

/// INCRBYFLOAT on a string value.
pub fn incr_by_float(current: Option<&[u8]>, incr: &[u8]) -> Result<Vec<u8>, Reply> {
    incr_by_float_with(current, incr, err::NOT_FLOAT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incr(a: &str, b: &str) -> String {
        String::from_utf8(incr_by_float(Some(a.as_bytes()), b.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn sums_print_like_redis() {
        assert_eq!(incr("10.5", "0.1"), "10.6");
        assert_eq!(incr("0", "1.5"), "1.5");
        assert_eq!(incr("3", "-3"), "0");
        assert_eq!(incr("1e300", "1e300").len(), 301);
        assert!(incr("1e300", "1e300").starts_with("20000000000000000000179"));
    }

    #[test]
    fn bad_floats_are_refused() {
        assert!(incr_by_float(Some(b"abc"), b"1").is_err());
        assert!(incr_by_float(Some(b"1"), b" 1").is_err());
        assert!(incr_by_float(Some(b"1"), b"nan").is_err());
        assert!(incr_by_float(Some(b"1"), b"inf").is_err());
    }
}
