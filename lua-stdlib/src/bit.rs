//! The arithmetic of LuaBitOp 1.0.2 (`bit` module as bundled by Redis), independent of the VM.
//!
//! Every operand goes through [`tobit`] first; results are signed 32-bit integers, which the
//! Lua-facing module returns as numbers.

use lua_core::{LuaError, State, Value};

/// 2^52 + 2^51: adding it to a double puts the integer part, rounded to nearest-even and
/// reduced mod 2^32, in the low 32 bits of its representation (LuaBitOp's `barg`).
const NORMALISE: f64 = 6_755_399_441_055_744.0;

/// Normalises a Lua number to an int32 exactly as LuaBitOp does (mod 2^32, round to even;
/// NaN and ±Inf give 0).
pub fn tobit(n: f64) -> i32 {
    // Truncation to the low 32 bits is the point of the trick.
    (n + NORMALISE).to_bits() as u32 as i32
}

/// `bit.tohex(x, n)`: `n` digits (default 8, at most 8), upper case when `n` is negative.
/// `n` is the already normalised second argument.
pub fn tohex(x: i32, n: i32) -> String {
    // The C code negates n; INT32_MIN is moved to INT32_MIN+1 so the negation cannot overflow.
    let (digits, upper) = if n < 0 {
        (n.saturating_neg(), true)
    } else {
        (n, false)
    };
    let digits = digits.min(8) as u32;
    let mut b = x as u32;
    let mut out = vec![b'0'; digits as usize];
    let table: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    for slot in out.iter_mut().rev() {
        *slot = table[(b & 15) as usize];
        b >>= 4;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `bit.bnot(x)`.
pub fn bnot(x: i32) -> i32 {
    !x
}

/// The binary operations of the vararg functions `band`, `bor` and `bxor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    /// `bit.band`
    And,
    /// `bit.bor`
    Or,
    /// `bit.bxor`
    Xor,
}

impl Fold {
    /// Combines the first operand with each following one, left to right.
    pub fn apply(self, first: i32, rest: impl IntoIterator<Item = i32>) -> i32 {
        rest.into_iter().fold(first, |acc, y| match self {
            Fold::And => acc & y,
            Fold::Or => acc | y,
            Fold::Xor => acc ^ y,
        })
    }
}

/// The shift and rotate operations; the count uses only its low 5 bits, as in LuaBitOp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// `bit.lshift`
    Left,
    /// `bit.rshift` (logical)
    Right,
    /// `bit.arshift` (sign-extending)
    ArithRight,
    /// `bit.rol`
    RotateLeft,
    /// `bit.ror`
    RotateRight,
}

impl Shift {
    /// Shifts or rotates `x` by `n & 31` bits.
    pub fn apply(self, x: i32, n: i32) -> i32 {
        let n = (n & 31) as u32;
        let b = x as u32;
        match self {
            Shift::Left => (b << n) as i32,
            Shift::Right => (b >> n) as i32,
            Shift::ArithRight => x >> n,
            Shift::RotateLeft => b.rotate_left(n) as i32,
            Shift::RotateRight => b.rotate_right(n) as i32,
        }
    }
}

/// `bit.bswap(x)`: reverses the byte order.
pub fn bswap(x: i32) -> i32 {
    x.swap_bytes()
}

/// Opens the `bit` table as a global.
pub fn open(s: &mut State) {
    crate::libtable::open_lib(
        s,
        "bit",
        &[
            ("tobit", lua_tobit),
            ("bnot", lua_bnot),
            ("band", lua_band),
            ("bor", lua_bor),
            ("bxor", lua_bxor),
            ("lshift", lua_lshift),
            ("rshift", lua_rshift),
            ("arshift", lua_arshift),
            ("rol", lua_rol),
            ("ror", lua_ror),
            ("bswap", lua_bswap),
            ("tohex", lua_tohex),
        ],
    );
}

/// LuaBitOp's `barg`: argument `i` as a number, normalised.
fn barg(s: &mut State, i: usize) -> Result<i32, LuaError> {
    Ok(tobit(s.check_number(i)?))
}

fn push_bits(s: &mut State, b: i32) -> Result<usize, LuaError> {
    s.push(Value::Number(f64::from(b)));
    Ok(1)
}

fn lua_tobit(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let b = barg(s, 1)?;
    push_bits(s, b)
}

fn lua_bnot(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let b = barg(s, 1)?;
    push_bits(s, bnot(b))
}

fn fold(s: &mut State, n: usize, op: Fold) -> Result<usize, LuaError> {
    let first = barg(s, 1)?;
    let rest = (2..=n).map(|i| barg(s, i)).collect::<Result<Vec<_>, _>>()?;
    push_bits(s, op.apply(first, rest))
}

fn lua_band(s: &mut State, n: usize) -> Result<usize, LuaError> {
    fold(s, n, Fold::And)
}

fn lua_bor(s: &mut State, n: usize) -> Result<usize, LuaError> {
    fold(s, n, Fold::Or)
}

fn lua_bxor(s: &mut State, n: usize) -> Result<usize, LuaError> {
    fold(s, n, Fold::Xor)
}

fn shift(s: &mut State, op: Shift) -> Result<usize, LuaError> {
    let x = barg(s, 1)?;
    let n = barg(s, 2)?;
    push_bits(s, op.apply(x, n))
}

fn lua_lshift(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    shift(s, Shift::Left)
}

fn lua_rshift(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    shift(s, Shift::Right)
}

fn lua_arshift(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    shift(s, Shift::ArithRight)
}

fn lua_rol(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    shift(s, Shift::RotateLeft)
}

fn lua_ror(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    shift(s, Shift::RotateRight)
}

fn lua_bswap(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let b = barg(s, 1)?;
    push_bits(s, bswap(b))
}

fn lua_tohex(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let x = barg(s, 1)?;
    // `lua_isnone(L, 2)`: only an absent argument means the default; nil is an error.
    let width = if n < 2 { 8 } else { barg(s, 2)? };
    let hex = s.str_value(tohex(x, width).as_bytes());
    s.push(hex);
    Ok(1)
}
