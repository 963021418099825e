//! The `math` library's random numbers: a per-state source behind
//! `math.random` and `math.randomseed`.
//!
//! lua5.1 calls the C library's `rand()`, whose sequence differs between
//! libcs, so no implementation can reproduce it everywhere. redmoon's default
//! source is the 48-bit generator of `lrand48` (the one Redis uses for its
//! scripts' `math.random`), deterministic on every platform; embedders may
//! plug in another.

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
    fn fractions_stay_below_one() {
        let mut r = Rand48::default();
        for _ in 0..10_000 {
            let f = r.next_fraction();
            assert!((0.0..1.0).contains(&f), "{f}");
        }
    }
}
