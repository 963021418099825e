//! `cjson.encode`: lua-cjson's string escaping (its `char2escape` table), number formatting
//! (fpconv `%.*g`), array detection with the sparse-array rules, and objects in the table's
//! `next` order. Tables are walked with an explicit stack, so nesting never recurses in Rust.

use lua_core::number::{fmt_g, write_integer};
use lua_core::value::TableRef;
use lua_core::{LuaError, State, Value};
use smallvec::SmallVec;

use super::{Config, InvalidNumbers, NULL};
use crate::libtable::MAX_C_STACK;

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
    // Integers of at most `precision` digits print in full: the common case, done without
    // formatting machinery.
    let limit = 10f64.powi(i32::try_from(precision).unwrap_or(14));
    if v.fract() == 0.0 && v.abs() < limit && !(v == 0.0 && v.is_sign_negative()) {
        write_integer(out, v as i64);
    } else {
        out.extend_from_slice(fmt_g(v, precision, false).as_bytes());
    }
}

/// A table being written.
enum Frame {
    /// `[...]`: elements `next..=len` remain.
    Array { t: TableRef, len: i64, next: i64 },
    /// `{...}`: the entries from traversal position `pos` on remain (nothing
    /// runs Lua code while encoding, so the table does not change meanwhile).
    Object { t: TableRef, pos: usize },
}

impl Frame {
    /// Lua stack slots lua-cjson holds for this table while writing a child: the child
    /// (arrays), or its key and the child (objects).
    fn slots(&self) -> usize {
        match self {
            Frame::Array { .. } => 1,
            Frame::Object { .. } => 2,
        }
    }
}

struct Encoder<'a> {
    s: &'a mut State,
    config: &'a Config,
    out: &'a mut Vec<u8>,
    /// Output length at which to ask the state for memory again.
    next_alloc_check: usize,
}

/// `cjson.encode(v)` with `config`, written to `out` (empty).
pub(super) fn encode(
    s: &mut State,
    config: &Config,
    v: Value,
    out: &mut Vec<u8>,
) -> Result<(), LuaError> {
    // A small object's text without regrowing from empty.
    out.reserve(256);
    let mut enc = Encoder {
        s,
        config,
        out,
        next_alloc_check: 4096,
    };
    // Deep enough for most documents without allocating.
    let mut stack: SmallVec<[Frame; 16]> = SmallVec::new();
    // The argument itself takes one slot.
    let mut slots = 1;
    let mut pending = Some(v);
    loop {
        if let Some(v) = pending.take() {
            if let Value::Table(t) = v {
                let depth = stack.len() + 1;
                if depth > usize::try_from(config.encode_max_depth).unwrap_or(0)
                    || slots + 3 > MAX_C_STACK
                {
                    return Err(enc
                        .s
                        .rt_error(&format!("Cannot serialise, excessive nesting ({depth})")));
                }
                let frame = match enc.array_length(t)? {
                    Some(len) => {
                        enc.out.push(b'[');
                        Frame::Array {
                            t,
                            len: i64::from(len),
                            next: 1,
                        }
                    }
                    None => {
                        enc.out.push(b'{');
                        Frame::Object { t, pos: 0 }
                    }
                };
                slots += frame.slots();
                stack.push(frame);
            } else {
                enc.scalar(v)?;
            }
            enc.check_memory()?;
        }
        let Some(frame) = stack.last_mut() else {
            break;
        };
        enc.s.charge(1)?;
        match frame {
            Frame::Array { t, len, next } => {
                if *next > *len {
                    enc.out.push(b']');
                } else {
                    if *next > 1 {
                        enc.out.push(b',');
                    }
                    pending = Some(enc.s.heap.table(*t).get_int(*next));
                    *next += 1;
                    continue;
                }
            }
            Frame::Object { t, pos } => {
                if let Some((at, k, v)) = enc.s.heap.table(*t).entry_from(*pos) {
                    if *pos > 0 {
                        enc.out.push(b',');
                    }
                    *pos = at + 1;
                    enc.key(k)?;
                    pending = Some(v);
                    continue;
                }
                enc.out.push(b'}');
            }
        }
        if let Some(done) = stack.pop() {
            slots -= done.slots();
        }
    }
    Ok(())
}

/// C's `(int)` of a double on x86-64: INT_MIN for what does not fit.
fn c_int(k: f64) -> i32 {
    if (-2_147_483_648.0..2_147_483_648.0).contains(&k) {
        k as i32
    } else {
        i32::MIN
    }
}

impl Encoder<'_> {
    /// `lua_array_length`: the length to write `t` as an array (keys exactly positive
    /// integers, not excessively sparse), or `None` for an object.
    fn array_length(&mut self, t: TableRef) -> Result<Option<i32>, LuaError> {
        let mut max: i32 = 0;
        let mut items: i32 = 0;
        let mut pos = 0;
        while let Some((at, k, _)) = self.s.heap.table(t).entry_from(pos) {
            match k {
                Value::Number(n) if n != 0.0 && n.floor() == n && n >= 1.0 => {
                    if n > f64::from(max) {
                        max = c_int(n);
                    }
                    items = items.wrapping_add(1);
                }
                _ => return Ok(None),
            }
            pos = at + 1;
            self.s.charge(1)?;
        }
        let c = self.config;
        if c.encode_sparse_ratio > 0
            && max > items.wrapping_mul(c.encode_sparse_ratio)
            && max > c.encode_sparse_safe
        {
            if !c.encode_sparse_convert {
                return Err(self.exception(Value::Table(t), "excessively sparse array"));
            }
            return Ok(None);
        }
        Ok((max > 0).then_some(max))
    }

    /// `Cannot serialise TYPE: REASON`.
    fn exception(&mut self, v: Value, reason: &str) -> LuaError {
        let msg = format!("Cannot serialise {}: {reason}", v.type_name());
        self.s.rt_error(&msg)
    }

    fn scalar(&mut self, v: Value) -> Result<(), LuaError> {
        match v {
            Value::String(r) => {
                let len = self.s.heap.str(r).len();
                // lua-cjson reserves room for every byte escaped as \u00XX.
                self.s
                    .check_alloc(self.out.len().saturating_add(len.saturating_mul(6)) + 2)?;
                self.s.charge(u32::try_from(len / 64).unwrap_or(u32::MAX))?;
                write_string(self.out, self.s.heap.str(r));
            }
            Value::Number(n) => self.number(v, n)?,
            Value::Boolean(true) => self.out.extend_from_slice(b"true"),
            Value::Boolean(false) => self.out.extend_from_slice(b"false"),
            Value::Nil => self.out.extend_from_slice(b"null"),
            v if v.raw_eq(NULL) => self.out.extend_from_slice(b"null"),
            _ => return Err(self.exception(v, "type not supported")),
        }
        Ok(())
    }

    fn number(&mut self, v: Value, n: f64) -> Result<(), LuaError> {
        if !n.is_finite() {
            match self.config.encode_invalid_numbers {
                InvalidNumbers::Off => return Err(self.exception(v, "must not be NaN or Inf")),
                InvalidNumbers::On if n.is_nan() => {
                    self.out.extend_from_slice(b"nan");
                    return Ok(());
                }
                InvalidNumbers::On => {}
                InvalidNumbers::Null => {
                    self.out.extend_from_slice(b"null");
                    return Ok(());
                }
            }
        }
        let precision = usize::try_from(self.config.encode_number_precision).unwrap_or(14);
        write_number(self.out, n, precision);
        Ok(())
    }

    /// An object key and its colon: numbers are quoted, other types refused.
    fn key(&mut self, k: Value) -> Result<(), LuaError> {
        match k {
            Value::Number(n) => {
                self.out.push(b'"');
                self.number(k, n)?;
                self.out.extend_from_slice(b"\":");
            }
            Value::String(r) => {
                self.scalar(Value::String(r))?;
                self.out.push(b':');
            }
            _ => return Err(self.exception(k, "table key must be a number or string")),
        }
        Ok(())
    }

    /// Asks the state for the output's memory each time it doubles.
    fn check_memory(&mut self) -> Result<(), LuaError> {
        if self.out.len() >= self.next_alloc_check {
            self.s.check_alloc(self.out.len())?;
            self.next_alloc_check = self.out.len().saturating_mul(2);
        }
        Ok(())
    }
}
