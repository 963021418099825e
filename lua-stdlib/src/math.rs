//! The `math` library: C's `frexp`/`modf`, and the random numbers behind
//! `math.random` and `math.randomseed`.
//!
//! lua5.1 calls the C library's `rand()`, whose sequence differs between
//! libcs, so no implementation can reproduce it everywhere. redmoon's default
//! source is the 48-bit generator of `lrand48` (the one Redis uses for its
//! scripts' `math.random`), deterministic on every platform; embedders may
//! plug in another.

/// C's `frexp`: `(m, e)` with `x = m * 2^e` and `0.5 <= |m| < 1`
/// (`(x, 0)` for 0, infinities and NaN).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * f64::from_bits(0x4350_0000_0000_0000)); // 2^54
        return (m, e - 54);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exponent - 1022)
}

/// C's `modf`: the integral part and the fraction, both with `x`'s sign
/// (`modf(inf)` is `(inf, 0)`).
pub fn modf(x: f64) -> (f64, f64) {
    let int = x.trunc();
    let frac = if x.is_infinite() {
        0.0f64.copysign(x)
    } else {
        x - int
    };
    (int, frac)
}

/// The arguments of `math.random`, as C `int`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RandomRange {
    /// `math.random()`: a fraction.
    Fraction,
    /// `math.random(u)`: an integer in `1..=u`.
    UpTo(i32),
    /// `math.random(l, u)`: an integer in `l..=u`.
    Between(i32, i32),
}

/// What `math.random` returns for a fraction `r` from the source:
/// `Ok(value)`, or `Err(n)` for `bad argument #n to 'random' (interval is empty)`.
pub fn random_in(r: f64, range: RandomRange) -> Result<f64, usize> {
    match range {
        RandomRange::Fraction => Ok(r),
        RandomRange::UpTo(upper) if upper < 1 => Err(1),
        RandomRange::UpTo(upper) => Ok((r * f64::from(upper)).floor() + 1.0),
        RandomRange::Between(lower, upper) if lower > upper => Err(2),
        // `u - l + 1` is C int arithmetic: it wraps for the widest intervals.
        RandomRange::Between(lower, upper) => {
            let span = upper.wrapping_sub(lower).wrapping_add(1);
            Ok((r * f64::from(span)).floor() + f64::from(lower))
        }
    }
}

/// Where `math.random` takes its numbers from.
pub trait RandomSource {
    /// The next number in `[0, 1)`: lua5.1's `r` in `math_random`.
    fn next_fraction(&mut self) -> f64;
    /// `math.randomseed(seed)` (the seed as C's `int`).
    fn seed(&mut self, seed: i32);
}

/// `lrand48`/`srand48`: `x = (0x5DEECE66D * x + 0xB) mod 2^48`, 31 bits out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rand48 {
    state: u64,
}

const RAND48_A: u64 = 0x5_DEEC_E66D;
const RAND48_C: u64 = 0xB;
const RAND48_MASK: u64 = (1 << 48) - 1;
/// The low 16 bits `srand48` puts under the seed.
const RAND48_SEED_LOW: u64 = 0x330E;

impl Default for Rand48 {
    /// The state before any seeding, as Redis's `redisLrand48` starts.
    fn default() -> Self {
        Rand48 {
            state: 0x1234_ABCD_330E,
        }
    }
}

impl Rand48 {
    /// `lrand48()`: the next value in `0..2^31`.
    pub fn next_u31(&mut self) -> u32 {
        self.state = (RAND48_A.wrapping_mul(self.state).wrapping_add(RAND48_C)) & RAND48_MASK;
        (self.state >> 17) as u32
    }
}

impl RandomSource for Rand48 {
    /// `(lrand48() % INT32_MAX) / INT32_MAX`, as Redis's `math.random` computes it.
    fn next_fraction(&mut self) -> f64 {
        let max = i32::MAX as u32;
        f64::from(self.next_u31() % max) / f64::from(max)
    }

    fn seed(&mut self, seed: i32) {
        self.state = (u64::from(seed as u32) << 16) | RAND48_SEED_LOW;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from glibc's `srand48`/`lrand48`.
    #[test]
    fn rand48_matches_glibc() {
        let mut r = Rand48::default();
        r.seed(0);
        assert_eq!((r.next_u31(), r.next_u31()), (366_850_414, 1_610_402_240));
        r.seed(-5);
        assert_eq!((r.next_u31(), r.next_u31()), (1_754_100_061, 487_370_682));
        r.seed(123_456_789);
        assert_eq!(r.next_u31(), 112_675_174);
    }

    #[test]
    fn frexp_and_modf_as_c() {
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(frexp(-3.0), (-0.75, 2));
        assert_eq!(frexp(0.0), (0.0, 0));
        assert_eq!(frexp(f64::INFINITY), (f64::INFINITY, 0));
        assert_eq!(frexp(5e-324), (0.5, -1073));
        assert_eq!(frexp(f64::MAX), (1.0 - f64::EPSILON / 2.0, 1024));
        assert_eq!(modf(3.75), (3.0, 0.75));
        assert_eq!(modf(-3.75), (-3.0, -0.75));
        assert_eq!(modf(f64::NEG_INFINITY), (f64::NEG_INFINITY, -0.0));
        assert!(modf(f64::NAN).0.is_nan() && modf(f64::NAN).1.is_nan());
    }

    #[test]
    fn random_arguments_as_lua51() {
        use RandomRange::*;
        assert_eq!(random_in(0.5, Fraction), Ok(0.5));
        assert_eq!(random_in(0.999, UpTo(10)), Ok(10.0));
        assert_eq!(random_in(0.0, Between(1, 10)), Ok(1.0));
        assert_eq!(random_in(0.5, Between(-3, -3)), Ok(-3.0));
        assert_eq!(random_in(0.5, UpTo(0)), Err(1));
        assert_eq!(random_in(0.5, Between(1, 0)), Err(2));
        assert_eq!(random_in(0.5, Between(3, 1)), Err(2));
    }

    #[test]
    fn fractions_stay_below_one() {
        let mut r = Rand48::default();
        for _ in 0..10_000 {
            let f = r.next_fraction();
            assert!((0.0..1.0).contains(&f), "{f}");
        }
    }
}
