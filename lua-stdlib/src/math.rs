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
    // C's fractional part keeps the sign of `x`, even when it is zero.
    let frac = if x.is_infinite() {
        0.0f64.copysign(x)
    } else {
        (x - int).copysign(x)
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

/// glibc's `rand()` (the additive generator of `random()`, TYPE_3), which
/// the `lua5.1` command's `math.random` draws from: the CLI's sequences are
/// lua5.1's on Linux.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlibcRandom {
    /// The last 34 values of the recurrence r[i] = r[i-3] + r[i-31].
    ring: [u32; 34],
    at: usize,
}

impl Default for GlibcRandom {
    /// Unseeded, as `srand(1)`.
    fn default() -> Self {
        let mut g = GlibcRandom {
            ring: [0; 34],
            at: 0,
        };
        g.seed(1);
        g
    }
}

impl GlibcRandom {
    /// The next `rand()` value, 0..=2^31-1.
    pub fn next_u31(&mut self) -> u32 {
        let v =
            self.ring[(self.at + 34 - 31) % 34].wrapping_add(self.ring[(self.at + 34 - 3) % 34]);
        self.ring[self.at] = v;
        self.at = (self.at + 1) % 34;
        v >> 1
    }
}

impl RandomSource for GlibcRandom {
    fn next_fraction(&mut self) -> f64 {
        let max = i32::MAX as u32;
        f64::from(self.next_u31() % max) / f64::from(max)
    }

    /// `srand(seed)`: the state from a Lehmer generator, then 310 values
    /// discarded, as glibc's `srandom_r` does.
    fn seed(&mut self, seed: i32) {
        let mut r = [0i64; 34];
        r[0] = if seed == 0 { 1 } else { i64::from(seed) };
        for i in 1..31 {
            let (hi, lo) = (r[i - 1] / 127_773, r[i - 1] % 127_773);
            let mut word = 16_807 * lo - 2_836 * hi;
            if word < 0 {
                word += 2_147_483_647;
            }
            r[i] = word;
        }
        for i in 31..34 {
            r[i] = r[i - 31];
        }
        for (slot, v) in self.ring.iter_mut().zip(r) {
            *slot = v as u32;
        }
        self.at = 0;
        for _ in 0..310 {
            self.next_u31();
        }
    }
}

/// The `math` library's natives (lmathlib.c).
mod natives {
    use std::cell::RefCell;
    use std::rc::Rc;

    use lua_core::{LuaError, State, Value};

    use super::{frexp, modf, random_in, RandomRange, RandomSource};
    use crate::libtable::{open_lib, set_field, Functions};

    /// A one-argument C math function as a native.
    macro_rules! unary {
        ($name:ident, $f:expr) => {
            fn $name(s: &mut State, _n: usize) -> Result<usize, LuaError> {
                let x = s.check_number(1)?;
                let f: fn(f64) -> f64 = $f;
                s.push(Value::Number(f(x)));
                Ok(1)
            }
        };
    }

    unary!(abs, f64::abs);
    unary!(ceil, f64::ceil);
    unary!(floor, f64::floor);
    unary!(sqrt, f64::sqrt);
    unary!(sin, f64::sin);
    unary!(cos, f64::cos);
    unary!(tan, f64::tan);
    unary!(asin, f64::asin);
    unary!(acos, f64::acos);
    unary!(atan, f64::atan);
    unary!(sinh, f64::sinh);
    unary!(cosh, f64::cosh);
    unary!(tanh, f64::tanh);
    unary!(exp, f64::exp);
    unary!(log, f64::ln);
    unary!(log10, f64::log10);
    unary!(deg, |x| x * (180.0 / std::f64::consts::PI));
    unary!(rad, |x| x * (std::f64::consts::PI / 180.0));

    const FUNCTIONS: &Functions = &[
        ("abs", abs),
        ("acos", acos),
        ("asin", asin),
        ("atan2", atan2),
        ("atan", atan),
        ("ceil", ceil),
        ("cosh", cosh),
        ("cos", cos),
        ("deg", deg),
        ("exp", exp),
        ("floor", floor),
        ("fmod", fmod),
        ("frexp", frexp_),
        ("ldexp", ldexp),
        ("log10", log10),
        ("log", log),
        ("max", max),
        ("min", min),
        ("mod", fmod),
        ("modf", modf_),
        ("pow", pow),
        ("rad", rad),
        ("sinh", sinh),
        ("sin", sin),
        ("sqrt", sqrt),
        ("tanh", tanh),
        ("tan", tan),
    ];

    /// Opens the `math` table with `random`/`randomseed` drawing from `rng`.
    pub fn open_with(s: &mut State, rng: Box<dyn RandomSource>) {
        let t = open_lib(s, "math", FUNCTIONS);
        set_field(s, t, "pi", Value::Number(std::f64::consts::PI));
        set_field(s, t, "huge", Value::Number(f64::INFINITY));
        let rng = Rc::new(RefCell::new(rng));
        let source = rng.clone();
        let random = move |s: &mut State, n: usize| random(s, n, &mut **source.borrow_mut());
        let randomseed = move |s: &mut State, _n: usize| -> Result<usize, LuaError> {
            let seed = s.check_c_int(1)?;
            rng.borrow_mut().seed(seed);
            Ok(0)
        };
        for (name, f) in [
            (
                "random",
                Rc::new(random) as lua_core::function::NativeClosure,
            ),
            ("randomseed", Rc::new(randomseed)),
        ] {
            let v = s.native_closure(name, f, Vec::new());
            set_field(s, t, name, v);
        }
    }

    fn random(s: &mut State, n: usize, rng: &mut dyn RandomSource) -> Result<usize, LuaError> {
        let r = rng.next_fraction();
        let range = match n {
            0 => RandomRange::Fraction,
            1 => RandomRange::UpTo(s.check_c_int(1)?),
            2 => RandomRange::Between(s.check_c_int(1)?, s.check_c_int(2)?),
            _ => return Err(s.rt_error("wrong number of arguments")),
        };
        match random_in(r, range) {
            Ok(x) => {
                s.push(Value::Number(x));
                Ok(1)
            }
            Err(arg) => Err(s.arg_error(arg, "interval is empty")),
        }
    }

    fn atan2(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        // gcc evaluates C arguments right to left: argument 2 is checked first.
        let x = s.check_number(2)?;
        let y = s.check_number(1)?;
        s.push(Value::Number(y.atan2(x)));
        Ok(1)
    }

    fn fmod(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let b = s.check_number(2)?;
        let a = s.check_number(1)?;
        // Rust's `%` on floats is C's fmod.
        s.push(Value::Number(a % b));
        Ok(1)
    }

    fn pow(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let b = s.check_number(2)?;
        let a = s.check_number(1)?;
        s.push(Value::Number(a.powf(b)));
        Ok(1)
    }

    fn modf_(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let (int, frac) = modf(s.check_number(1)?);
        s.push(Value::Number(int));
        s.push(Value::Number(frac));
        Ok(2)
    }

    fn frexp_(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let (m, e) = frexp(s.check_number(1)?);
        s.push(Value::Number(m));
        s.push(Value::Number(f64::from(e)));
        Ok(2)
    }

    fn ldexp(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let e = s.check_c_int(2)?;
        let x = s.check_number(1)?;
        s.push(Value::Number(lua_core::number::ldexp(x, i64::from(e))));
        Ok(1)
    }

    /// `math.min`/`math.max`: the first argument wins ties and NaNs, as the
    /// C loop's `<`/`>` does.
    fn extremum(s: &mut State, n: usize, better: fn(f64, f64) -> bool) -> Result<usize, LuaError> {
        let mut best = s.check_number(1)?;
        for i in 2..=n {
            let x = s.check_number(i)?;
            if better(x, best) {
                best = x;
            }
        }
        s.push(Value::Number(best));
        Ok(1)
    }

    fn min(s: &mut State, n: usize) -> Result<usize, LuaError> {
        extremum(s, n, |x, best| x < best)
    }

    fn max(s: &mut State, n: usize) -> Result<usize, LuaError> {
        extremum(s, n, |x, best| x > best)
    }
}

pub use natives::open_with;

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from glibc's `srand48`/`lrand48`.
    #[test]
    fn glibc_rand_matches_lua51() {
        // lua5.1 -e 'print(math.random(1,1000000), math.random(1,1000000))'
        let mut g = GlibcRandom::default();
        assert_eq!(g.next_u31(), 1_804_289_383);
        assert_eq!(g.next_u31(), 846_930_886);
        g.seed(0);
        assert_eq!(
            random_in(g.next_fraction(), RandomRange::Between(1, 1_000_000)),
            Ok(840_188.0)
        );
        assert_eq!(
            random_in(g.next_fraction(), RandomRange::Between(1, 1_000_000)),
            Ok(394_383.0)
        );
        g.seed(42);
        assert_eq!(
            random_in(g.next_fraction(), RandomRange::Between(1, 1_000_000)),
            Ok(33_470.0)
        );
    }

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
        assert!(modf(-1.0).1.is_sign_negative());
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
