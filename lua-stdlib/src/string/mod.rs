//! The `string` library (lstrlib.c): the global table `string`, the string
//! metatable that makes `("x"):upper()` work, and the natives; patterns and
//! `string.format` live in their own modules.

pub mod format;
mod matching;
pub mod pattern;

use std::borrow::Cow;

use lua_core::value::StrRef;
use lua_core::{LuaError, State, Value};

use crate::libtable::{open_lib, set_field, Functions};
use format::{FormatArgs, FormatError};

/// Bytes copied per unit of budget charged by functions that build strings.
const BYTES_PER_CHARGE: usize = 256;

/// Stack slots a native may fill with results (LUAI_MAXCSTACK).
const MAX_RESULTS: usize = 8000;

const FUNCTIONS: &Functions = &[
    ("byte", byte),
    ("char", char),
    ("dump", dump),
    ("find", matching::find),
    ("format", format),
    ("gmatch", matching::gmatch),
    ("gsub", matching::gsub),
    ("len", len),
    ("lower", lower),
    ("match", matching::match_),
    ("rep", rep),
    ("reverse", reverse),
    ("sub", sub),
    ("upper", upper),
];

/// Opens the `string` table and sets the string metatable (`__index` is the
/// `string` table).
pub fn open(s: &mut State) {
    let t = open_lib(s, "string", FUNCTIONS);
    let mt = s.heap.new_table(0, 1);
    set_field(s, mt, "__index", Value::Table(t));
    s.string_mt = Some(mt);
}

/// `luaL_checklstring` without copying: argument `i` as an interned string;
/// a number is converted and the argument slot replaced, as `lua_tolstring`
/// does, so the string stays reachable.
fn check_str(s: &mut State, i: usize) -> Result<StrRef, LuaError> {
    match s.arg(i) {
        Value::String(r) => Ok(r),
        Value::Number(x) => {
            let r = s.heap.intern(lua_core::number::fmt_number(x).as_bytes());
            if let Some(f) = s.frames.last() {
                let slot = f.base + i - 1;
                s.stack[slot] = Value::String(r);
            }
            Ok(r)
        }
        _ => Err(s.type_arg_error(i, "string")),
    }
}

/// Interns `bytes` and pushes it: one result.
fn push_bytes(s: &mut State, bytes: &[u8]) -> usize {
    let v = s.str_value(bytes);
    s.push(v);
    1
}

/// Before building a string of `bytes`: the memory check and the budget.
fn reserve(s: &mut State, bytes: usize) -> Result<(), LuaError> {
    s.check_alloc(bytes)?;
    s.charge(u32::try_from(bytes / BYTES_PER_CHARGE).unwrap_or(u32::MAX))
}

/// Checks a result that grows step by step (`gsub`, `table.concat`) against
/// the memory limit each time it doubles, so the checks cost nothing on small
/// results.
pub(crate) struct GrowthCheck {
    next: usize,
}

impl GrowthCheck {
    /// A check that first looks at 64 KiB.
    pub(crate) fn new() -> Self {
        GrowthCheck { next: 1 << 16 }
    }

    /// Called with the result's length after each step.
    pub(crate) fn check(&mut self, s: &mut State, len: usize) -> Result<(), LuaError> {
        if len >= self.next {
            reserve(s, len)?;
            self.next = len.saturating_mul(2);
        }
        Ok(())
    }
}

fn len(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let r = check_str(s, 1)?;
    let n = s.heap.str(r).len();
    s.push(Value::Number(n as f64));
    Ok(1)
}

fn sub(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let r = check_str(s, 1)?;
    let i = s.check_int(2)?;
    let j = s.opt_int(3, -1)?;
    let bytes = s.heap.str(r);
    let piece = bytes[sub_range(i, j, bytes.len())].to_vec();
    Ok(push_bytes(s, &piece))
}

fn upper(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let r = check_str(s, 1)?;
    let out = s.heap.str(r).to_ascii_uppercase();
    Ok(push_bytes(s, &out))
}

fn lower(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let r = check_str(s, 1)?;
    let out = s.heap.str(r).to_ascii_lowercase();
    Ok(push_bytes(s, &out))
}

fn reverse(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let r = check_str(s, 1)?;
    let mut out = s.heap.str(r).to_vec();
    out.reverse();
    Ok(push_bytes(s, &out))
}

fn rep(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let r = check_str(s, 1)?;
    // A C int: counts past 2^31 wrap as lua5.1's do (2^31 gives "").
    let count = usize::try_from(s.check_c_int(2)?).unwrap_or(0);
    let unit = s.heap.str(r).len();
    reserve(s, unit.saturating_mul(count))?;
    let out = s.heap.str(r).repeat(count);
    Ok(push_bytes(s, &out))
}

fn byte(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let r = check_str(s, 1)?;
    let l = s.heap.str(r).len();
    let first = posrelat(s.opt_int(2, 1)?, l);
    let last = posrelat(s.opt_int(3, first)?, l).min(l as i64);
    let first = first.max(1);
    if first > last {
        return Ok(0);
    }
    let count = (last - first + 1) as usize;
    if count + s.frames.last().map_or(0, |f| f.nargs) > MAX_RESULTS {
        return Err(s.rt_error("stack overflow (string slice too long)"));
    }
    s.ensure_stack(s.top + count);
    for at in first as usize - 1..last as usize {
        let b = s.heap.str(r)[at];
        s.push(Value::Number(f64::from(b)));
    }
    Ok(count)
}

fn char(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let mut out = Vec::with_capacity(n);
    for i in 1..=n {
        let c = s.check_c_int(i)?;
        match u8::try_from(c) {
            Ok(b) => out.push(b),
            Err(_) => return Err(s.arg_error(i, "invalid value")),
        }
    }
    Ok(push_bytes(s, &out))
}

fn dump(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let f = s.arg(1);
    if !matches!(f, Value::Function(_)) {
        return Err(s.type_arg_error(1, "function"));
    }
    match crate::chunk::dumpable(s, f).map(crate::chunk::dump) {
        Some(bytes) => Ok(push_bytes(s, &bytes)),
        None => Err(s.rt_error("unable to dump given function")),
    }
}

/// Why `string.format` stopped: a Lua error (a bad argument) or a bad format.
enum FormatFailure {
    Lua(LuaError),
    Format(FormatError),
}

impl From<FormatError> for FormatFailure {
    fn from(e: FormatError) -> Self {
        FormatFailure::Format(e)
    }
}

impl From<LuaError> for FormatFailure {
    fn from(e: LuaError) -> Self {
        FormatFailure::Lua(e)
    }
}

/// The arguments of the running `string.format` call.
struct FormatCall<'s>(&'s mut State);

impl FormatArgs for FormatCall<'_> {
    type Error = FormatFailure;

    fn check_present(&mut self, arg: usize) -> Result<(), FormatFailure> {
        if arg > self.0.frames.last().map_or(0, |f| f.nargs) {
            return Err(self.0.arg_error(arg, "no value").into());
        }
        Ok(())
    }

    fn number(&mut self, arg: usize) -> Result<f64, FormatFailure> {
        Ok(self.0.check_number(arg)?)
    }

    fn string(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, FormatFailure> {
        let r = check_str(self.0, arg)?;
        Ok(Cow::Borrowed(self.0.heap.str(r)))
    }
}

fn format(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let r = check_str(s, 1)?;
    let fmt = s.heap.str(r).to_vec();
    let mut out = Vec::new();
    match format::format(&fmt, &mut FormatCall(s), &mut out) {
        Ok(()) => {}
        Err(FormatFailure::Lua(e)) => return Err(e),
        Err(FormatFailure::Format(e)) => return Err(s.rt_error_bytes(&e.message())),
    }
    reserve(s, out.len())?;
    Ok(push_bytes(s, &out))
}

/// lstrlib.c `posrelat`: a negative position counts from the end of a string
/// of `len` bytes (-1 is the last byte); anything before the start is 0.
pub fn posrelat(pos: i64, len: usize) -> i64 {
    let pos = if pos < 0 {
        pos.saturating_add(len as i64 + 1)
    } else {
        pos
    };
    pos.max(0)
}

/// The byte range `string.sub(s, i, j)` takes from a string of `len` bytes
/// (empty when the positions cross).
pub fn sub_range(i: i64, j: i64, len: usize) -> std::ops::Range<usize> {
    let start = posrelat(i, len).max(1);
    let end = posrelat(j, len).min(len as i64);
    if start > end {
        0..0
    } else {
        (start - 1) as usize..end as usize
    }
}

/// `str_find_aux`'s start: `init` made relative, minus one, clamped to the string.
pub fn find_start(init: i64, len: usize) -> usize {
    (posrelat(init, len) - 1).clamp(0, len as i64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(s: &str, i: i64, j: i64) -> &str {
        &s[sub_range(i, j, s.len())]
    }

    /// string.sub cases checked on lua5.1.
    #[test]
    fn sub_as_lua51() {
        assert_eq!(sub("hello", 2, -1), "ello");
        assert_eq!(sub("hello", -3, -1), "llo");
        assert_eq!(sub("hello", 2, -2), "ell");
        assert_eq!(sub("hello", 0, -1), "hello");
        assert_eq!(sub("hello", 10, -1), "");
        assert_eq!(sub("hello", -10, 2), "he");
        assert_eq!(sub("hello", 3, 2), "");
        assert_eq!(sub("hello", i64::MIN, i64::MAX), "hello");
        assert_eq!(sub("", 1, -1), "");
    }

    #[test]
    fn find_start_as_lua51() {
        assert_eq!(find_start(1, 3), 0);
        assert_eq!(find_start(10, 3), 3);
        assert_eq!(find_start(-1, 3), 2);
        assert_eq!(find_start(-10, 3), 0);
        assert_eq!(find_start(0, 3), 0);
    }
}
