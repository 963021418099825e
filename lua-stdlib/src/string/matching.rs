//! The pattern-matching natives: `find`, `match`, `gmatch` and `gsub` over
//! the matcher of [`super::pattern`], charging every matching step to the
//! state's budget so a pathological pattern can be interrupted.

use std::cell::Cell;
use std::rc::Rc;

use lua_core::state::charge_budget;
use lua_core::{LuaError, State, Value};

use super::pattern::{
    find_plain, has_specials, split_anchor, CaptureValue, Gsub, Matcher, PatternError,
};
use super::{check_str, find_start, reserve, GrowthCheck};

/// Why matching stopped: a malformed pattern, or a Lua error (the budget, an
/// interrupt, an error in a replacement function).
enum MatchFailure {
    Pattern(PatternError),
    Lua(LuaError),
}

impl From<PatternError> for MatchFailure {
    fn from(e: PatternError) -> Self {
        MatchFailure::Pattern(e)
    }
}

impl From<LuaError> for MatchFailure {
    fn from(e: LuaError) -> Self {
        MatchFailure::Lua(e)
    }
}

/// The Lua error for a failure, positioned at the caller as `luaL_error` does.
fn lua_error(s: &mut State, e: MatchFailure) -> LuaError {
    match e {
        MatchFailure::Lua(e) => e,
        MatchFailure::Pattern(PatternError(msg)) => s.rt_error(msg),
    }
}

/// A capture copied out of the subject, so it can be pushed after the
/// subject's borrow of the heap ends.
enum OwnedCapture {
    Bytes(Vec<u8>),
    Position(usize),
}

/// Copies the captures of the match `start..end` (`whole_match`: the match
/// itself when the pattern has no captures).
fn captures(
    m: &Matcher<'_>,
    start: usize,
    end: usize,
    whole_match: bool,
) -> Result<Vec<OwnedCapture>, PatternError> {
    (0..m.capture_count(whole_match))
        .map(|i| {
            Ok(match m.capture(i, start, end)? {
                CaptureValue::Bytes(b) => OwnedCapture::Bytes(b.to_vec()),
                CaptureValue::Position(p) => OwnedCapture::Position(p),
            })
        })
        .collect()
}

/// Pushes captures as values; how many were pushed.
fn push_captures(s: &mut State, caps: Vec<OwnedCapture>) -> usize {
    let n = caps.len();
    for c in caps {
        let v = match c {
            OwnedCapture::Bytes(b) => s.str_value(&b),
            OwnedCapture::Position(p) => Value::Number(p as f64),
        };
        s.push(v);
    }
    n
}

/// Pushes (at most `limit` of) the captures of the match `start..end`,
/// interned straight from the subject: `m` matches an owned copy, not a
/// heap string, so no intermediate copies are needed.
fn push_subject_captures(
    s: &mut State,
    m: &Matcher<'_>,
    start: usize,
    end: usize,
    limit: usize,
) -> Result<usize, PatternError> {
    let n = m.capture_count(true).min(limit);
    for i in 0..n {
        let v = match m.capture(i, start, end)? {
            CaptureValue::Bytes(b) => s.str_value(b),
            CaptureValue::Position(p) => Value::Number(p as f64),
        };
        s.push(v);
    }
    Ok(n)
}

/// A match found by `find`/`match`: its bounds and its captures.
type Found = Option<(usize, usize, Vec<OwnedCapture>)>;

/// `str_find_aux`: `find` (positions, then captures) or `match` (captures).
fn find_aux(s: &mut State, find: bool) -> Result<usize, LuaError> {
    let subject = check_str(s, 1)?;
    let pattern = check_str(s, 2)?;
    let init = s.opt_int(3, 1)?;
    let plain = find && s.arg(4).truthy();
    let State {
        heap,
        interrupt,
        budget,
        hook,
        ..
    } = &mut *s;
    let (src, pat) = (heap.str(subject), heap.str(pattern));
    let init = find_start(init, src.len());
    if find && (plain || !has_specials(pat)) {
        let Some(at) = find_plain(src, pat, init) else {
            s.push(Value::Nil);
            return Ok(1);
        };
        let end = at + pat.len();
        s.push(Value::Number((at + 1) as f64));
        s.push(Value::Number(end as f64));
        return Ok(2);
    }
    let (anchored, pat) = split_anchor(pat);
    let mut m = Matcher::new(src, pat);
    let mut charge = |n| charge_budget(interrupt, budget, hook, n).map_err(MatchFailure::Lua);
    let found: Result<Found, MatchFailure> =
        m.find(init, anchored, &mut charge).and_then(|r| match r {
            Some((start, end)) => Ok(Some((start, end, captures(&m, start, end, !find)?))),
            None => Ok(None),
        });
    match found {
        Err(e) => Err(lua_error(s, e)),
        Ok(None) => {
            s.push(Value::Nil);
            Ok(1)
        }
        Ok(Some((start, end, caps))) => {
            if find {
                s.push(Value::Number((start + 1) as f64));
                s.push(Value::Number(end as f64));
                Ok(2 + push_captures(s, caps))
            } else {
                Ok(push_captures(s, caps))
            }
        }
    }
}

/// `string.find(s, pattern [, init [, plain]])`.
pub fn find(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    find_aux(s, true)
}

/// `string.match(s, pattern [, init])`.
pub fn match_(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    find_aux(s, false)
}

/// `string.gmatch(s, pattern)`: an iterator over the matches; as in 5.1 the
/// pattern is not anchored by a leading `^`.
pub fn gmatch(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let subject = check_str(s, 1)?;
    let pattern = check_str(s, 2)?;
    let src: Rc<[u8]> = s.heap.str(subject).into();
    let pat: Rc<[u8]> = s.heap.str(pattern).into();
    let pos = Cell::new(0usize);
    let step = move |s: &mut State, _n: usize| -> Result<usize, LuaError> {
        let State {
            interrupt,
            budget,
            hook,
            ..
        } = &mut *s;
        let mut m = Matcher::new(&src, &pat);
        let mut charge = |n| charge_budget(interrupt, budget, hook, n).map_err(MatchFailure::Lua);
        match m.next_match(pos.get(), &mut charge) {
            Err(e) => Err(lua_error(s, e)),
            Ok(None) => {
                pos.set(src.len() + 1);
                Ok(0)
            }
            Ok(Some((start, end))) => {
                // An empty match moves on by one so the iteration ends.
                pos.set(if end == start { end + 1 } else { end });
                push_subject_captures(s, &m, start, end, usize::MAX)
                    .map_err(|e| lua_error(s, e.into()))
            }
        }
    };
    let f = s.native_closure("gmatch_aux", Rc::new(step), Vec::new());
    s.push(f);
    Ok(1)
}

/// `string.gsub(s, pattern, repl [, n])`.
pub fn gsub(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let subject = check_str(s, 1)?;
    let pattern = check_str(s, 2)?;
    let src_len = s.heap.str(subject).len();
    let max = s.opt_c_int(4, i32::try_from(src_len + 1).unwrap_or(i32::MAX))?;
    let repl = s.arg(3);
    let repl_text = match repl {
        Value::String(_) | Value::Number(_) => Some(check_str(s, 3)?),
        Value::Table(_) | Value::Function(_) => None,
        _ => return Err(s.arg_error(3, "string/function/table expected")),
    };
    // Owned copies: replacement functions run Lua code between matches.
    let src = s.heap.str(subject).to_vec();
    let pat = s.heap.str(pattern).to_vec();
    let repl_bytes = repl_text.map(|r| s.heap.str(r).to_vec());
    let mut g = Gsub::new(&src, &pat, usize::try_from(max).unwrap_or(0));
    let mut out = Vec::new();
    let mut growth = GrowthCheck::new();
    loop {
        let step = {
            let State {
                interrupt,
                budget,
                hook,
                ..
            } = &mut *s;
            let mut charge =
                |n| charge_budget(interrupt, budget, hook, n).map_err(MatchFailure::Lua);
            g.next(&mut out, &mut charge)
        };
        let (start, end) = match step {
            Ok(Some(m)) => m,
            Ok(None) => break,
            Err(e) => return Err(lua_error(s, e)),
        };
        let added = match &repl_bytes {
            Some(text) => g
                .matcher()
                .expand_replacement(text, start, end, &mut out)
                .map_err(MatchFailure::from),
            None => replace_by_value(s, g.matcher(), repl, &src[start..end], start, end, &mut out),
        };
        if let Err(e) = added {
            return Err(lua_error(s, e));
        }
        growth.check(s, out.len())?;
    }
    let count = g.finish(&mut out);
    reserve(s, out.len())?;
    let v = s.str_value(&out);
    s.push(v);
    s.push(Value::Number(count as f64));
    Ok(2)
}

/// `add_value` for a table or function replacement: looks up the first
/// capture (with `__index`) or calls the function with all captures; a nil
/// or false result keeps the matched text.
fn replace_by_value(
    s: &mut State,
    m: &Matcher<'_>,
    repl: Value,
    whole: &[u8],
    start: usize,
    end: usize,
    out: &mut Vec<u8>,
) -> Result<(), MatchFailure> {
    let value = if let Value::Table(_) = repl {
        let at = s.top;
        push_subject_captures(s, m, start, end, 1)?;
        let key = s.stack[at];
        let v = s.index(repl, key, None)?;
        s.top = at;
        v
    } else {
        let at = s.top;
        s.push(repl);
        let n = push_subject_captures(s, m, start, end, usize::MAX)?;
        s.call(at, n, 1)?;
        s.top = at;
        s.stack[at]
    };
    match value {
        Value::Nil | Value::Boolean(false) => out.extend_from_slice(whole),
        Value::String(r) => out.extend_from_slice(s.heap.str(r)),
        Value::Number(x) => lua_core::number::write_number(out, x),
        v => {
            let msg = format!("invalid replacement value (a {})", v.type_name());
            return Err(MatchFailure::Lua(s.rt_error(&msg)));
        }
    }
    Ok(())
}
