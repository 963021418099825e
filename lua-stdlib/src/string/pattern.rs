//! Lua 5.1 patterns: lstrlib.c's matcher over bytes.
//!
//! The matching follows lstrlib.c step for step (so results, captures and
//! errors are the ones lua5.1 gives), but the backtracking runs on an explicit
//! stack instead of C recursion: a pattern as long as the memory limit allows
//! cannot overflow the Rust stack. Every step is charged to a budget callback,
//! so a pathological (exponential) pattern can be interrupted.
//!
//! As in 5.1, a pattern ends at its first NUL byte (use `%z` to match a zero).

use std::fmt;

/// Most captures one pattern may have (`LUA_MAXCAPTURES`).
pub const MAX_CAPTURES: usize = 32;

/// The characters that make `string.find` use patterns instead of a plain search.
const SPECIALS: &[u8] = b"^$*+?.([%-";

/// Matching steps counted before the budget callback is called.
const STEPS_PER_CHARGE: u64 = 1024;

/// A malformed pattern or a bad capture reference, with lua5.1's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternError(pub &'static str);

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for PatternError {}

/// The budget callback: called with the number of steps done since the last call;
/// an `Err` stops the match and is returned as is.
pub type Charge<'c, E> = dyn FnMut(u64) -> Result<(), E> + 'c;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaptureLen {
    Unfinished,
    Position,
    Closed(usize),
}

#[derive(Debug, Clone, Copy)]
struct Capture {
    init: usize,
    len: CaptureLen,
}

/// The value of one capture, as `string.find`/`match`/`gsub` hand it to Lua.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureValue<'a> {
    /// The captured text.
    Bytes(&'a [u8]),
    /// A position capture `()`: the 1-based position in the subject.
    Position(usize),
}

/// What to undo, or try next, when the match after a choice point fails.
#[derive(Debug, Clone, Copy)]
enum Backtrack {
    /// `x*` (and `x+`): `count` repetitions are being tried; fewer are left.
    MaxExpand { s: usize, ep: usize, count: usize },
    /// `x-`: the rest is being tried at `s`; one more repetition is next.
    MinExpand { s: usize, p: usize, ep: usize },
    /// `x?` matched one character; without it, the rest is tried at `s`, `p`.
    Optional { s: usize, p: usize },
    /// A capture was opened: close the level again.
    StartCapture,
    /// Capture `level` was closed: reopen it.
    EndCapture { level: usize },
}

/// C's `<ctype.h>` classes in the "C" locale.
fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `match_class`: does `c` belong to the class `%cl`?
fn match_class(c: u8, cl: u8) -> bool {
    let res = match cl.to_ascii_lowercase() {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c.is_ascii_control(),
        b'd' => c.is_ascii_digit(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => is_c_space(c),
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        b'z' => c == 0,
        _ => return cl == c,
    };
    if cl.is_ascii_lowercase() {
        res
    } else {
        !res
    }
}

/// True when `string.find` must treat `pattern` as a pattern (it has a special
/// character before its first NUL), false when a plain search gives the answer.
pub fn has_specials(pattern: &[u8]) -> bool {
    pattern
        .iter()
        .take_while(|&&c| c != 0)
        .any(|c| SPECIALS.contains(c))
}

/// `lmemfind`: the first position at or after `init` where `needle` occurs.
pub fn find_plain(haystack: &[u8], needle: &[u8], init: usize) -> Option<usize> {
    let rest = haystack.get(init..)?;
    if needle.is_empty() {
        return Some(init);
    }
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|at| at + init)
}

/// Splits a leading `^` off a pattern: `(anchored, rest)`, as `find`, `match`
/// and `gsub` do (`gmatch` does not: there `^` is an ordinary character).
pub fn split_anchor(pattern: &[u8]) -> (bool, &[u8]) {
    match pattern.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pattern),
    }
}

/// A pattern applied to one subject: the state of lstrlib.c's `MatchState`.
pub struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    level: usize,
    captures: [Capture; MAX_CAPTURES],
    stack: Vec<Backtrack>,
    steps: u64,
}

impl<'a> Matcher<'a> {
    /// A matcher of `pattern` (without any `^` anchor already split off) on `subject`.
    pub fn new(subject: &'a [u8], pattern: &'a [u8]) -> Self {
        let end = pattern
            .iter()
            .position(|&c| c == 0)
            .unwrap_or(pattern.len());
        Matcher {
            src: subject,
            pat: &pattern[..end],
            level: 0,
            captures: [Capture {
                init: 0,
                len: CaptureLen::Unfinished,
            }; MAX_CAPTURES],
            stack: Vec::new(),
            steps: 0,
        }
    }

    /// The pattern byte at `i`, or 0 past its end (C's terminating NUL).
    fn p(&self, i: usize) -> u8 {
        self.pat.get(i).copied().unwrap_or(0)
    }

    /// The subject byte at `i`, or 0 at its end (C's terminating NUL).
    fn s(&self, i: usize) -> u8 {
        self.src.get(i).copied().unwrap_or(0)
    }

    fn tick<E>(&mut self, charge: &mut Charge<'_, E>) -> Result<(), E> {
        self.steps += 1;
        if self.steps >= STEPS_PER_CHARGE {
            let steps = std::mem::take(&mut self.steps);
            charge(steps)?;
        }
        Ok(())
    }

    /// `classEnd`: the index just after the single-character class at `p`.
    fn class_end(&self, mut p: usize) -> Result<usize, PatternError> {
        let c = self.p(p);
        p += 1;
        match c {
            b'%' => {
                if self.p(p) == 0 {
                    return Err(PatternError("malformed pattern (ends with '%')"));
                }
                Ok(p + 1)
            }
            b'[' => {
                if self.p(p) == b'^' {
                    p += 1;
                }
                loop {
                    if self.p(p) == 0 {
                        return Err(PatternError("malformed pattern (missing ']')"));
                    }
                    let c = self.p(p);
                    p += 1;
                    if c == b'%' && self.p(p) != 0 {
                        p += 1;
                    }
                    if self.p(p) == b']' {
                        return Ok(p + 1);
                    }
                }
            }
            _ => Ok(p),
        }
    }

    /// `matchbracketclass`: `p` is the `[`, `ec` the closing `]`.
    fn match_bracket_class(&self, c: u8, mut p: usize, ec: usize) -> bool {
        let mut sig = true;
        if self.p(p + 1) == b'^' {
            sig = false;
            p += 1;
        }
        loop {
            p += 1;
            if p >= ec {
                return !sig;
            }
            if self.p(p) == b'%' {
                p += 1;
                if match_class(c, self.p(p)) {
                    return sig;
                }
            } else if self.p(p + 1) == b'-' && p + 2 < ec {
                p += 2;
                if self.p(p - 2) <= c && c <= self.p(p) {
                    return sig;
                }
            } else if self.p(p) == c {
                return sig;
            }
        }
    }

    /// `singlematch`: does subject byte `c` match the class from `p` to `ep`?
    fn single_match(&self, c: u8, p: usize, ep: usize) -> bool {
        match self.p(p) {
            b'.' => true,
            b'%' => match_class(c, self.p(p + 1)),
            b'[' => self.match_bracket_class(c, p, ep - 1),
            pc => pc == c,
        }
    }

    /// `s < src_end && singlematch(*s, p, ep)`.
    fn matches_at(&self, s: usize, p: usize, ep: usize) -> bool {
        s < self.src.len() && self.single_match(self.s(s), p, ep)
    }

    /// `matchbalance` for `%bxy` with `p` at `x`.
    fn match_balance(&self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        let (open, close) = (self.p(p), self.p(p + 1));
        if open == 0 || close == 0 {
            return Err(PatternError("unbalanced pattern"));
        }
        if self.s(s) != open {
            return Ok(None);
        }
        let mut depth = 1usize;
        for (i, &c) in self.src.iter().enumerate().skip(s + 1) {
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
        }
        Ok(None)
    }

    /// `capture_to_close`: the innermost open capture.
    fn capture_to_close(&self) -> Result<usize, PatternError> {
        self.captures[..self.level]
            .iter()
            .rposition(|c| c.len == CaptureLen::Unfinished)
            .ok_or(PatternError("invalid pattern capture"))
    }

    /// `match_capture` for a back-reference `%l` (`l` the digit byte).
    fn match_back_reference(&self, s: usize, l: u8) -> Result<Option<usize>, PatternError> {
        let index = usize::from(l.wrapping_sub(b'1'));
        let cap = match self.captures[..self.level].get(index) {
            Some(cap) if l >= b'1' && cap.len != CaptureLen::Unfinished => *cap,
            _ => return Err(PatternError("invalid capture index")),
        };
        // A position capture has no text and, as in C (its length is -2), never matches.
        let CaptureLen::Closed(len) = cap.len else {
            return Ok(None);
        };
        let captured = &self.src[cap.init..cap.init + len];
        Ok(match self.src.get(s..s + len) {
            Some(here) if here == captured => Some(s + len),
            _ => None,
        })
    }

    /// `match(ms, s, p)` from the start of the pattern: the end of the match
    /// of the whole pattern at subject position `s`, if any. Captures are
    /// reset first and can be read afterwards.
    pub fn match_at<E: From<PatternError>>(
        &mut self,
        s: usize,
        charge: &mut Charge<'_, E>,
    ) -> Result<Option<usize>, E> {
        self.level = 0;
        self.stack.clear();
        let result = self.run(s, charge);
        let steps = std::mem::take(&mut self.steps);
        charge(steps)?;
        result
    }

    fn run<E: From<PatternError>>(
        &mut self,
        mut s: usize,
        charge: &mut Charge<'_, E>,
    ) -> Result<Option<usize>, E> {
        let mut p = 0usize;
        loop {
            // Go forward until the pattern ends (success) or an item fails.
            'forward: loop {
                self.tick(charge)?;
                match self.p(p) {
                    b'(' => {
                        if self.level >= MAX_CAPTURES {
                            return Err(PatternError("too many captures").into());
                        }
                        let position = self.p(p + 1) == b')';
                        self.captures[self.level] = Capture {
                            init: s,
                            len: if position {
                                CaptureLen::Position
                            } else {
                                CaptureLen::Unfinished
                            },
                        };
                        self.level += 1;
                        self.stack.push(Backtrack::StartCapture);
                        p += if position { 2 } else { 1 };
                    }
                    b')' => {
                        let level = self.capture_to_close()?;
                        self.captures[level].len =
                            CaptureLen::Closed(s - self.captures[level].init);
                        self.stack.push(Backtrack::EndCapture { level });
                        p += 1;
                    }
                    0 => return Ok(Some(s)),
                    b'$' if self.p(p + 1) == 0 => {
                        if s == self.src.len() {
                            return Ok(Some(s));
                        }
                        break 'forward;
                    }
                    b'%' if self.p(p + 1) == b'b' => match self.match_balance(s, p + 2)? {
                        Some(end) => {
                            s = end;
                            p += 4;
                        }
                        None => break 'forward,
                    },
                    b'%' if self.p(p + 1) == b'f' => {
                        p += 2;
                        if self.p(p) != b'[' {
                            return Err(PatternError("missing '[' after '%f' in pattern").into());
                        }
                        let ep = self.class_end(p)?;
                        let previous = if s == 0 { 0 } else { self.s(s - 1) };
                        if self.match_bracket_class(previous, p, ep - 1)
                            || !self.match_bracket_class(self.s(s), p, ep - 1)
                        {
                            break 'forward;
                        }
                        p = ep;
                    }
                    b'%' if self.p(p + 1).is_ascii_digit() => {
                        match self.match_back_reference(s, self.p(p + 1))? {
                            Some(end) => {
                                s = end;
                                p += 2;
                            }
                            None => break 'forward,
                        }
                    }
                    _ => {
                        let ep = self.class_end(p)?;
                        let m = self.matches_at(s, p, ep);
                        match self.p(ep) {
                            b'?' => {
                                if m {
                                    self.stack.push(Backtrack::Optional { s, p: ep + 1 });
                                    s += 1;
                                }
                                p = ep + 1;
                            }
                            b'*' | b'+' => {
                                let start = if self.p(ep) == b'+' {
                                    if !m {
                                        break 'forward;
                                    }
                                    s + 1
                                } else {
                                    s
                                };
                                let mut count = 0;
                                while self.matches_at(start + count, p, ep) {
                                    self.tick(charge)?;
                                    count += 1;
                                }
                                self.stack.push(Backtrack::MaxExpand {
                                    s: start,
                                    ep,
                                    count,
                                });
                                s = start + count;
                                p = ep + 1;
                            }
                            b'-' => {
                                self.stack.push(Backtrack::MinExpand { s, p, ep });
                                p = ep + 1;
                            }
                            _ => {
                                if !m {
                                    break 'forward;
                                }
                                s += 1;
                                p = ep;
                            }
                        }
                    }
                }
            }
            // Backtrack to the latest choice point with an alternative left.
            loop {
                self.tick(charge)?;
                match self.stack.pop() {
                    None => return Ok(None),
                    Some(Backtrack::StartCapture) => self.level -= 1,
                    Some(Backtrack::EndCapture { level }) => {
                        self.captures[level].len = CaptureLen::Unfinished;
                    }
                    Some(Backtrack::Optional { s: at, p: next }) => {
                        s = at;
                        p = next;
                        break;
                    }
                    Some(Backtrack::MaxExpand {
                        s: start,
                        ep,
                        count,
                    }) => {
                        if count > 0 {
                            let count = count - 1;
                            self.stack.push(Backtrack::MaxExpand {
                                s: start,
                                ep,
                                count,
                            });
                            s = start + count;
                            p = ep + 1;
                            break;
                        }
                    }
                    Some(Backtrack::MinExpand { s: at, p: item, ep }) => {
                        if self.matches_at(at, item, ep) {
                            self.stack.push(Backtrack::MinExpand {
                                s: at + 1,
                                p: item,
                                ep,
                            });
                            s = at + 1;
                            p = ep + 1;
                            break;
                        }
                    }
                }
            }
        }
    }

    /// `str_find_aux`'s loop: the first match starting at or after `init`
    /// (only at `init` when `anchored`), as `(start, end)`.
    pub fn find<E: From<PatternError>>(
        &mut self,
        init: usize,
        anchored: bool,
        charge: &mut Charge<'_, E>,
    ) -> Result<Option<(usize, usize)>, E> {
        let mut start = init.min(self.src.len());
        loop {
            if let Some(end) = self.match_at(start, charge)? {
                return Ok(Some((start, end)));
            }
            if anchored || start >= self.src.len() {
                return Ok(None);
            }
            start += 1;
        }
    }

    /// How many values the captures of the last match give: the captures, or
    /// the whole match when there are none and `whole_match` is asked for
    /// (`match`, `gmatch` and a `gsub` function do; `find` does not).
    pub fn capture_count(&self, whole_match: bool) -> usize {
        if self.level == 0 && whole_match {
            1
        } else {
            self.level
        }
    }

    /// `push_onecapture`: capture `i` (0-based) of the last match, which spans
    /// `start..end`; capture 0 of a pattern without captures is the whole match.
    pub fn capture(
        &self,
        i: usize,
        start: usize,
        end: usize,
    ) -> Result<CaptureValue<'a>, PatternError> {
        if i >= self.level {
            if i == 0 {
                return Ok(CaptureValue::Bytes(&self.src[start..end]));
            }
            return Err(PatternError("invalid capture index"));
        }
        let cap = self.captures[i];
        match cap.len {
            CaptureLen::Unfinished => Err(PatternError("unfinished capture")),
            CaptureLen::Position => Ok(CaptureValue::Position(cap.init + 1)),
            CaptureLen::Closed(len) => Ok(CaptureValue::Bytes(&self.src[cap.init..cap.init + len])),
        }
    }

    /// `add_s`: appends `replacement` for the match `start..end` to `out`,
    /// expanding `%0`..`%9` and `%x` (any other character after `%` is itself).
    pub fn expand_replacement(
        &self,
        replacement: &[u8],
        start: usize,
        end: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), PatternError> {
        let mut i = 0;
        while i < replacement.len() {
            let c = replacement[i];
            i += 1;
            if c != b'%' {
                out.push(c);
                continue;
            }
            // C reads the terminating NUL after a final '%' and appends it.
            let d = replacement.get(i).copied().unwrap_or(0);
            i += 1;
            if !d.is_ascii_digit() {
                out.push(d);
            } else if d == b'0' {
                out.extend_from_slice(&self.src[start..end]);
            } else {
                match self.capture(usize::from(d - b'1'), start, end)? {
                    CaptureValue::Bytes(b) => out.extend_from_slice(b),
                    CaptureValue::Position(pos) => lua_core::number::write_number(out, pos as f64),
                }
            }
        }
        Ok(())
    }

    /// One step of `gmatch`: the first match starting at or after `from`.
    pub fn next_match<E: From<PatternError>>(
        &mut self,
        from: usize,
        charge: &mut Charge<'_, E>,
    ) -> Result<Option<(usize, usize)>, E> {
        if from > self.src.len() {
            return Ok(None);
        }
        self.find(from, false, charge)
    }
}

/// `str_gsub`'s loop as an iterator of matches: the caller appends each
/// replacement to `out`; the text between matches is copied by [`Gsub::next`]
/// and [`Gsub::finish`].
pub struct Gsub<'a> {
    matcher: Matcher<'a>,
    anchored: bool,
    pos: usize,
    count: usize,
    max: usize,
    done: bool,
    /// The end of the match just returned: skipped past on the next call.
    pending: Option<usize>,
}

impl<'a> Gsub<'a> {
    /// Substitutions of `pattern` (a leading `^` anchors it) in `subject`,
    /// at most `max` of them.
    pub fn new(subject: &'a [u8], pattern: &'a [u8], max: usize) -> Self {
        let (anchored, pattern) = split_anchor(pattern);
        Gsub {
            matcher: Matcher::new(subject, pattern),
            anchored,
            pos: 0,
            count: 0,
            max,
            done: false,
            pending: None,
        }
    }

    /// The matcher, for reading the captures of the match just returned.
    pub fn matcher(&self) -> &Matcher<'a> {
        &self.matcher
    }

    /// Moves past the match attempt at `pos` (ending at `end` if it matched).
    fn advance(&mut self, end: Option<usize>, out: &mut Vec<u8>) {
        match end {
            Some(end) if end > self.pos => self.pos = end,
            _ if self.pos < self.matcher.src.len() => {
                out.push(self.matcher.src[self.pos]);
                self.pos += 1;
            }
            _ => self.done = true,
        }
        if self.anchored {
            self.done = true;
        }
    }

    /// The next match `(start, end)` to replace, after copying the unmatched
    /// text before it to `out`.
    pub fn next<E: From<PatternError>>(
        &mut self,
        out: &mut Vec<u8>,
        charge: &mut Charge<'_, E>,
    ) -> Result<Option<(usize, usize)>, E> {
        if let Some(end) = self.pending.take() {
            self.advance(Some(end), out);
        }
        while !self.done && self.count < self.max {
            let start = self.pos;
            match self.matcher.match_at(start, charge)? {
                Some(end) => {
                    self.count += 1;
                    self.pending = Some(end);
                    return Ok(Some((start, end)));
                }
                None => self.advance(None, out),
            }
        }
        Ok(None)
    }

    /// Copies the rest of the subject to `out`; the number of substitutions.
    pub fn finish(mut self, out: &mut Vec<u8>) -> usize {
        if let Some(end) = self.pending.take() {
            self.advance(Some(end), out);
        }
        out.extend_from_slice(&self.matcher.src[self.pos..]);
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::unescape;

    fn no_budget() -> impl FnMut(u64) -> Result<(), PatternError> {
        |_| Ok(())
    }

    fn show(v: CaptureValue<'_>) -> String {
        match v {
            CaptureValue::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            CaptureValue::Position(p) => p.to_string(),
        }
    }

    /// `string.find(s, p, init)` as lua5.1 prints its results, joined by `|`.
    fn find(s: &str, p: &str, init: usize) -> Result<String, PatternError> {
        let (s, p) = (s.as_bytes(), p.as_bytes());
        if !has_specials(p) {
            return Ok(match find_plain(s, p, init - 1) {
                Some(at) => format!("{}|{}", at + 1, at + p.len()),
                None => "nil".into(),
            });
        }
        let (anchored, p) = split_anchor(p);
        let mut m = Matcher::new(s, p);
        let Some((start, end)) = m.find(init - 1, anchored, &mut no_budget())? else {
            return Ok("nil".into());
        };
        let mut out = vec![(start + 1).to_string(), end.to_string()];
        for i in 0..m.capture_count(false) {
            out.push(show(m.capture(i, start, end)?));
        }
        Ok(out.join("|"))
    }

    /// `string.match(s, p)`, results joined by `|`.
    fn matches(s: &str, p: &str) -> Result<String, PatternError> {
        let (anchored, p) = split_anchor(p.as_bytes());
        let mut m = Matcher::new(s.as_bytes(), p);
        let Some((start, end)) = m.find(0, anchored, &mut no_budget())? else {
            return Ok("nil".into());
        };
        let caps: Result<Vec<String>, PatternError> = (0..m.capture_count(true))
            .map(|i| m.capture(i, start, end).map(show))
            .collect();
        Ok(caps?.join("|"))
    }

    /// `string.gsub(s, p, repl, max)` with a string replacement: `result|count`.
    fn gsub(s: &str, p: &str, repl: &str, max: usize) -> Result<String, PatternError> {
        let mut g = Gsub::new(s.as_bytes(), p.as_bytes(), max);
        let mut out = Vec::new();
        while let Some((start, end)) = g.next(&mut out, &mut no_budget())? {
            g.matcher()
                .expand_replacement(repl.as_bytes(), start, end, &mut out)?;
        }
        let n = g.finish(&mut out);
        Ok(format!("{}|{n}", String::from_utf8_lossy(&out)))
    }

    /// All `string.gmatch(s, p)` results, each joined by `,`, separated by `;`.
    fn gmatch(s: &str, p: &str) -> Result<String, PatternError> {
        let mut m = Matcher::new(s.as_bytes(), p.as_bytes());
        let mut from = 0;
        let mut all = Vec::new();
        while let Some((start, end)) = m.next_match(from, &mut no_budget())? {
            from = if end == start { end + 1 } else { end };
            let caps: Result<Vec<String>, PatternError> = (0..m.capture_count(true))
                .map(|i| m.capture(i, start, end).map(show))
                .collect();
            all.push(caps?.join(","));
        }
        Ok(all.join(";"))
    }

    fn ok(r: Result<String, PatternError>) -> String {
        r.expect("pattern error")
    }

    fn value(v: CaptureValue<'_>) -> Vec<u8> {
        match v {
            CaptureValue::Bytes(b) => b.to_vec(),
            CaptureValue::Position(p) => p.to_string().into_bytes(),
        }
    }

    /// `string.find(s, p)`, `string.match(s, p)` or `string.gsub(s, p, "<%0|%1>", 3)`
    /// with every result as bytes.
    fn results(kind: &str, s: &[u8], p: &[u8]) -> Result<Vec<Vec<u8>>, PatternError> {
        if kind == "gsub" {
            let mut g = Gsub::new(s, p, 3);
            let mut out = Vec::new();
            while let Some((start, end)) = g.next(&mut out, &mut no_budget())? {
                g.matcher()
                    .expand_replacement(b"<%0|%1>", start, end, &mut out)?;
            }
            let n = g.finish(&mut out);
            return Ok(vec![out, n.to_string().into_bytes()]);
        }
        if kind == "find" && !has_specials(p) {
            return Ok(match find_plain(s, p, 0) {
                Some(at) => vec![
                    (at + 1).to_string().into_bytes(),
                    (at + p.len()).to_string().into_bytes(),
                ],
                None => vec![b"nil".to_vec()],
            });
        }
        let (anchored, p) = split_anchor(p);
        let mut m = Matcher::new(s, p);
        let Some((start, end)) = m.find(0, anchored, &mut no_budget())? else {
            return Ok(vec![b"nil".to_vec()]);
        };
        let mut out = Vec::new();
        if kind == "find" {
            out.push((start + 1).to_string().into_bytes());
            out.push(end.to_string().into_bytes());
        }
        for i in 0..m.capture_count(kind == "match") {
            out.push(value(m.capture(i, start, end)?));
        }
        Ok(out)
    }

    fn escape(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| match b {
                32..=126 if b != b'\\' && b != b'|' => (b as char).to_string(),
                _ => format!("\\x{b:02x}"),
            })
            .collect()
    }

    /// Runs every case of a recorded data file; returns the number of cases.
    fn check_recorded(data: &str) -> usize {
        let mut failures = Vec::new();
        let mut count = 0;
        for line in data.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, subject, pattern, expected] = fields[..] else {
                panic!("bad line {line:?}");
            };
            count += 1;
            let got = match results(kind, &unescape(subject), &unescape(pattern)) {
                Ok(values) => values
                    .iter()
                    .map(|v| escape(v))
                    .collect::<Vec<_>>()
                    .join("|"),
                Err(e) => format!("error:{}", escape(e.0.as_bytes())),
            };
            if got != expected {
                failures.push(format!(
                    "{kind} {subject:?} {pattern:?}: expected {expected:?}, got {got:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures[..failures.len().min(30)].join("\n")
        );
        count
    }

    /// Every case lua5.1 recorded in testdata/pattern.txt (see pattern.lua there).
    #[test]
    fn matches_lua51_recorded_cases() {
        assert!(check_recorded(include_str!("testdata/pattern.txt")) > 4000);
    }

    /// Random patterns on random subjects (testdata/pattern_random.lua).
    #[test]
    fn matches_lua51_on_random_patterns() {
        assert_eq!(
            check_recorded(include_str!("testdata/pattern_random.txt")),
            9000
        );
    }

    /// `gmatch` on random patterns and subjects (testdata/gmatch_random.lua).
    #[test]
    fn gmatch_matches_lua51_on_random_patterns() {
        let escape = |bytes: &[u8]| -> String {
            bytes
                .iter()
                .map(|&b| match b {
                    32..=126 if !b"\\|,;".contains(&b) => (b as char).to_string(),
                    _ => format!("\\x{b:02x}"),
                })
                .collect()
        };
        let run = |s: &[u8], p: &[u8]| -> Result<String, PatternError> {
            let mut m = Matcher::new(s, p);
            let mut from = 0;
            let mut iterations = Vec::new();
            while let Some((start, end)) = m.next_match(from, &mut no_budget())? {
                from = if end == start { end + 1 } else { end };
                let values: Result<Vec<String>, PatternError> = (0..m.capture_count(true))
                    .map(|i| m.capture(i, start, end).map(|v| escape(&value(v))))
                    .collect();
                iterations.push(values?.join(","));
            }
            Ok(iterations.join(";"))
        };
        let mut count = 0;
        for line in include_str!("testdata/gmatch_random.txt").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let [subject, pattern, expected] = f[..] else {
                panic!("bad line {line:?}");
            };
            let got = match run(&unescape(subject), &unescape(pattern)) {
                Ok(text) => text,
                // lua5.1 prefixes the position of the Lua code that called the iterator.
                Err(e) => format!("error:gmatch_random.lua:41: {}", e.0),
            };
            assert_eq!(got, expected, "{line}");
            count += 1;
        }
        assert_eq!(count, 2000);
    }

    #[test]
    fn errors_as_lua51() {
        let e = |r: Result<String, PatternError>| r.expect_err("no error").0;
        assert_eq!(e(find("abc", "%", 1)), "malformed pattern (ends with '%')");
        for p in ["[a", "[a%", "[]", "[^]"] {
            assert_eq!(
                e(find("abc", p, 1)),
                "malformed pattern (missing ']')",
                "{p}"
            );
        }
        assert_eq!(e(find("abc", "%f", 1)), "missing '[' after '%f' in pattern");
        assert_eq!(
            e(find("abc", "%fa", 1)),
            "missing '[' after '%f' in pattern"
        );
        for p in ["(a)%2", "(a%1)", "%0"] {
            assert_eq!(e(find("abc", p, 1)), "invalid capture index", "{p}");
        }
        assert_eq!(e(find("abc", "(a", 1)), "unfinished capture");
        assert_eq!(e(matches("abc", "(a")), "unfinished capture");
        assert_eq!(e(find("abc", "a.)", 1)), "invalid pattern capture");
        assert_eq!(e(find("abc", "%b", 1)), "unbalanced pattern");
        assert_eq!(e(find("abc", "%ba", 1)), "unbalanced pattern");
        assert_eq!(ok(find("abc", &"()".repeat(32), 1)).split('|').count(), 34);
        assert_eq!(e(find("abc", &"()".repeat(33), 1)), "too many captures");
        assert_eq!(e(gsub("abc", "a", "%2", 10)), "invalid capture index");
        assert_eq!(e(gsub("abc", "(a)", "%2", 10)), "invalid capture index");
    }

    #[test]
    fn find_and_match_as_lua51() {
        assert_eq!(ok(find("abc", "", 4)), "4|3");
        assert_eq!(ok(find("abc", "c", 3)), "3|3");
        assert_eq!(ok(find("a+b", "a+", 1)), "1|1");
        assert_eq!(ok(find("a.c", "%.", 1)), "2|2");
        assert_eq!(ok(find("a\0b(", "\0b(", 1)), "2|4");
        assert_eq!(ok(find("a\0b(", "b%(", 1)), "3|4");
        assert_eq!(ok(find("THE (quick) fox", "%((%a+)%)", 1)), "5|11|quick");
        assert_eq!(ok(find("f(a(b)c)d", "%b()", 1)), "2|8");
        assert_eq!(ok(find("abab", "(ab)%1", 1)), "1|4|ab");
        assert_eq!(ok(find("aXb", "%u", 1)), "2|2");
        assert_eq!(ok(find("abc", "[b-a]", 1)), "nil");
        assert_eq!(ok(find("-", "[%a-z]", 1)), "1|1");
        assert_eq!(ok(find("b", "[^a-c]", 1)), "nil");
        assert_eq!(ok(matches("hello world", "(%w+) (%w+)")), "hello|world");
        assert_eq!(ok(matches("  x", "()x()")), "3|4");
        assert_eq!(ok(matches("abc", "()")), "1");
        assert_eq!(ok(matches("abcd", "((a)(b)((c)d))")), "abcd|a|b|cd|c");
        assert_eq!(ok(matches("key = value", "(%w+)%s*=%s*(%w+)")), "key|value");
        assert_eq!(ok(matches("a-b", "[a%-]+")), "a-");
        assert_eq!(ok(matches("x]y", "[]x]+")), "x]");
        assert_eq!(ok(matches("^a", "^^a")), "^a");
        assert_eq!(ok(matches("a\0b", "[%z]")), "\0");
        assert_eq!(ok(matches("aaa", "a-b")), "nil");
        assert_eq!(ok(matches("aaab", "a-b")), "aaab");
        assert_eq!(ok(matches("aaa", "^a-$")), "aaa");
        assert_eq!(ok(matches("  abc  ", "^%s*(.-)%s*$")), "abc");
        assert_eq!(ok(matches("[[x]]", "%[(%b[])%]")), "[x]");
        assert_eq!(ok(matches("hello", ".-(l+)(.*)")), "ll|o");
        assert_eq!(ok(matches("0x1F", "%x+")), "0");
        assert_eq!(ok(matches("AbC", "%u%l%u")), "AbC");
        assert_eq!(ok(matches("abc", "%A")), "nil");
        assert_eq!(ok(matches("a1", "%D")), "a");
        assert_eq!(ok(matches("\u{e9}", "%a")), "nil");
        assert_eq!(ok(matches("\x0b", "%s")), "\x0b");
        assert_eq!(ok(matches("foo.bar", "^(.-)%.(.*)$")), "foo|bar");
        assert_eq!(ok(matches("the end", "%f[%w]%w+$")), "end");
        assert_eq!(ok(matches("aaa", "^(a-)a$")), "aa");
        assert_eq!(ok(matches("b", "a?b")), "b");
        assert_eq!(ok(matches("x(y(z))", "%b()")), "(y(z))");
        assert_eq!(ok(matches("if x then y end", "%bxy")), "x then y");
        assert_eq!(ok(matches("[a]", "[%[]")), "[");
        assert_eq!(ok(matches("^x", "[x^]+")), "^x");
        // A back-reference to a position capture never matches (its length is -2 in C).
        assert_eq!(ok(matches("aa", "()%1")), "nil");
    }

    #[test]
    fn gsub_and_gmatch_as_lua51() {
        assert_eq!(ok(gsub("abc", "a", "%1", 10)), "abc|1");
        assert_eq!(ok(gsub("abc", "b", "x%", 10)), "ax\0c|1");
        assert_eq!(ok(gsub("abc", "()b", "%1", 10)), "a2c|1");
        assert_eq!(ok(gsub("abc", "b", "%x%%", 10)), "ax%c|1");
        assert_eq!(ok(gsub("abc", "", "-", 10)), "-a-b-c-|4");
        assert_eq!(ok(gsub("abc", "^", "-", 10)), "-abc|1");
        assert_eq!(ok(gsub("abc", "$", "-", 10)), "abc-|1");
        assert_eq!(ok(gsub("abc", ".", "-", 2)), "--c|2");
        assert_eq!(ok(gsub("abc", ".", "-", 0)), "abc|0");
        assert_eq!(
            ok(gsub("hello world", "(o)", "[%1%0]", 10)),
            "hell[oo] w[oo]rld|2"
        );
        assert_eq!(ok(gsub("abc", "%w", "%%%0", 10)), "%a%b%c|3");
        assert_eq!(ok(gsub("abc", "(b)()", "%2", 10)), "a3c|1");
        assert_eq!(
            ok(gsub("one two  three", "%s+", " ", 10)),
            "one two three|2"
        );
        assert_eq!(
            ok(gsub("THE (quick) fox", "%f[%a]%a+", "W", 10)),
            "W (W) W|3"
        );
        assert_eq!(
            ok(gsub("THE (quick) fox", "%f[%a]", "|", 10)),
            "|THE (|quick) |fox|3"
        );
        assert_eq!(ok(gsub("abc", "^b", "x", 10)), "abc|0");
        assert_eq!(ok(gmatch("^a^a", "^a")), "^a;^a");
        assert_eq!(ok(gmatch("a=1, b=2", "(%w+)=(%w+)")), "a,1;b,2");
        assert_eq!(ok(gmatch("abc", "")), ";;;");
        assert_eq!(ok(gmatch("one two", "%a+")), "one;two");
    }

    #[test]
    fn long_subjects_do_not_recurse() {
        let a = "a".repeat(100_000);
        assert_eq!(ok(find(&a, "^.-b", 1)), "nil");
        assert_eq!(ok(find(&a[..3000], ".-b", 1)), "nil");
        assert_eq!(ok(matches(&a, "a*")).len(), 100_000);
        assert_eq!(ok(matches(&a, "(a-)$")).len(), 100_000);
        let long_pattern = "a?".repeat(50_000);
        assert_eq!(ok(find(&a, &long_pattern, 1)), "1|50000");
        let captures = format!("{}{}", "(a".repeat(30), ")".repeat(30));
        assert_eq!(ok(find(&a, &captures, 1)).split('|').count(), 32);
        assert_eq!(
            ok(find(
                "aaaaaaaaaa",
                &format!("{}{}", "a?".repeat(10), "a".repeat(10)),
                1
            )),
            "1|10"
        );
    }

    #[test]
    fn budget_interrupts_a_pathological_pattern() {
        #[derive(Debug, PartialEq)]
        enum Stop {
            Budget,
            Pattern(PatternError),
        }
        impl From<PatternError> for Stop {
            fn from(e: PatternError) -> Self {
                Stop::Pattern(e)
            }
        }
        // (a?)^n a^n on a^n backtracks exponentially.
        let n = 40;
        let subject = "a".repeat(n - 1);
        let pattern = format!("{}{}", "a?".repeat(n), "a".repeat(n));
        let mut spent = 0u64;
        let mut charge = |steps: u64| {
            spent += steps;
            if spent > 1_000_000 {
                Err(Stop::Budget)
            } else {
                Ok(())
            }
        };
        let mut m = Matcher::new(subject.as_bytes(), pattern.as_bytes());
        assert_eq!(m.find(0, false, &mut charge), Err(Stop::Budget));
        // Every match is charged, even a short one.
        let mut spent = 0u64;
        let mut m = Matcher::new(b"abc", b"b");
        let r: Result<_, PatternError> = m.find(0, false, &mut |s| {
            spent += s;
            Ok(())
        });
        assert_eq!(r, Ok(Some((1, 2))));
        assert!(spent >= 2);
    }
}
