//! Command handlers, one module per command family, and argument helpers they share.

pub mod bitmaps;
pub mod config;
pub mod debug;
pub mod geo;
pub mod hashes;
pub mod hyperloglog;
pub mod keys;
pub mod lists;
pub mod memory;
pub mod pubsub;
pub mod security;
pub mod server;
pub mod sets;
pub mod sort;
pub mod streams;
pub mod strings;
pub mod transactions;
pub mod zsets;

use bytes::Bytes;

use crate::command::Handler;
use crate::executor::err;
use crate::frame::parse_i64;
use crate::reply::Reply;

/// Every built-in handler by command name.
pub fn handlers() -> Vec<(&'static str, Handler)> {
    let mut all = Vec::new();
    for family in [
        strings::HANDLERS,
        keys::HANDLERS,
        server::HANDLERS,
        config::HANDLERS,
        debug::HANDLERS,
        hashes::HANDLERS,
        lists::HANDLERS,
        sets::HANDLERS,
        zsets::HANDLERS,
        geo::HANDLERS,
        memory::HANDLERS,
        pubsub::HANDLERS,
        streams::HANDLERS,
        sort::HANDLERS,
        transactions::HANDLERS,
        security::HANDLERS,
        bitmaps::HANDLERS,
        hyperloglog::HANDLERS,
    ] {
        all.extend_from_slice(family);
    }
    all
}

/// Parses an integer argument (Redis's `getLongLongFromObject` rules).
pub fn int_arg(arg: &[u8]) -> Result<i64, Reply> {
    parse_i64(arg).ok_or_else(|| Reply::error(err::NOT_INT))
}

/// `strtod` as Redis uses it for scores and floats: the whole string must be a number,
/// `inf`/`-inf` allowed, NaN refused.
pub fn parse_float(arg: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(arg).ok()?;
    if s.is_empty() || s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let v = match lower.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => {
            if lower.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
        "nan" => return None,
        _ => {
            if lower.contains("inf") || lower.contains("nan") {
                return None;
            }
            // C accepts hex floats; Rust does not; Redis scores never need them.
            let v = s.parse::<f64>().ok()?;
            // strtod reports overflow and underflow (ERANGE), which Redis refuses.
            let mantissa = lower.split('e').next().unwrap_or("");
            if v.is_infinite() || (v == 0.0 && mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)))
            {
                return None;
            }
            v
        }
    };
    (!v.is_nan()).then_some(v)
}

/// `strtod` as Redis's range parsers use it: leading spaces skipped, the empty string is
/// 0, overflow gives an infinity, only NaN and trailing garbage are refused.
pub fn parse_range_float(arg: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(arg).ok()?.trim_start();
    if s.is_empty() {
        return Some(0.0);
    }
    let lower = s.to_ascii_lowercase();
    let v = match lower.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => {
            if lower.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
        _ if lower.contains("inf") || lower.contains("nan") => return None,
        _ => s.parse::<f64>().ok()?,
    };
    (!v.is_nan()).then_some(v)
}

/// Case-insensitive comparison of an argument with a keyword.
pub fn is(arg: &[u8], word: &str) -> bool {
    arg.eq_ignore_ascii_case(word.as_bytes())
}

/// The argument at `i` (empty when missing: arity checks make that unreachable).
pub fn arg(argv: &[Bytes], i: usize) -> &[u8] {
    argv.get(i).map(|b| b.as_ref()).unwrap_or(b"")
}

/// Bulk replies for a list of byte strings.
pub fn bulks<I, B>(items: I) -> Reply
where
    I: IntoIterator<Item = B>,
    B: Into<Vec<u8>>,
{
    Reply::Array(items.into_iter().map(|b| Reply::Bulk(b.into())).collect())
}

/// A HELP reply: Redis sends its lines as status replies.
pub fn help(lines: &[&'static str]) -> Reply {
    Reply::Array(lines.iter().map(|l| Reply::status(l)).collect())
}

/// Resolves a Redis range (negative indexes from the end) over `len` elements; `None`
/// when empty.
pub fn resolve_range(start: i64, end: i64, len: usize) -> Option<(usize, usize)> {
    let len = len as i64;
    let mut start = if start < 0 { len + start } else { start };
    let mut end = if end < 0 { len + end } else { end };
    if start < 0 {
        start = 0;
    }
    if end >= len {
        end = len - 1;
    }
    if start > end || start >= len || end < 0 {
        return None;
    }
    Some((start as usize, end as usize))
}

/// Unwraps a `Result<Reply, Reply>`-returning body.
pub fn done(r: Result<Reply, Reply>) -> Reply {
    r.unwrap_or_else(|e| e)
}
