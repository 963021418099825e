//! SORT and SORT_RO.

use std::cmp::Ordering;

use bytes::Bytes;

use super::{arg, int_arg, is, parse_range_float};
use crate::client::Client;
use crate::command::Handler;
use crate::db::{List, Value};
use crate::executor::{err, Exec};
use crate::reply::Reply;

/// The SORT handlers.
pub const HANDLERS: &[(&str, Handler)] = &[("sort", sort), ("sort_ro", sort_ro)];

fn sort(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    sort_generic(ex, c, argv, false)
}

fn sort_ro(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    sort_generic(ex, c, argv, true)
}

/// Looks up `pattern` with `*` replaced by `element`: a string key, or a hash field
/// with `key->field`. `#` is the element itself.
fn lookup(ex: &mut Exec, c: &Client, pattern: &[u8], element: &[u8]) -> Option<Vec<u8>> {
    if pattern == b"#" {
        return Some(element.to_vec());
    }
    let star = pattern.iter().position(|&b| b == b'*')?;
    let arrow = pattern
        .windows(2)
        .rposition(|w| w == b"->")
        .filter(|&p| p > star && p + 2 < pattern.len());
    let (key_pattern, field) = match arrow {
        Some(p) => (&pattern[..p], Some(&pattern[p + 2..])),
        None => (pattern, None),
    };
    let mut key = key_pattern[..star].to_vec();
    key.extend_from_slice(element);
    key.extend_from_slice(&key_pattern[star + 1..]);
    let now = ex.now_ms;
    match (ex.db(c).get(&key, now)?, field) {
        (Value::Str(s), None) => Some(s.to_vec()),
        (Value::Hash(h), Some(f)) => h.get(f).cloned(),
        _ => None,
    }
}

/// Whether a weight spells an infinity (strtod's overflow is an error for SORT).
fn is_inf_literal(w: &[u8]) -> bool {
    let lower = String::from_utf8_lossy(w).trim().to_ascii_lowercase();
    matches!(lower.trim_start_matches(['+', '-']), "inf" | "infinity")
}

fn sort_generic(ex: &mut Exec, c: &mut Client, argv: &[Bytes], read_only: bool) -> Reply {
    let key = arg(argv, 1);
    let (mut desc, mut alpha) = (false, false);
    let mut by: Option<Vec<u8>> = None;
    let mut limit: Option<(i64, i64)> = None;
    let mut gets: Vec<Vec<u8>> = Vec::new();
    let mut store: Option<Vec<u8>> = None;
    let mut i = 2;
    while i < argv.len() {
        let a = arg(argv, i);
        let left = argv.len() - i - 1;
        if is(a, "asc") {
            desc = false;
        } else if is(a, "desc") {
            desc = true;
        } else if is(a, "alpha") {
            alpha = true;
        } else if is(a, "limit") && left >= 2 {
            let offset = match int_arg(arg(argv, i + 1)) {
                Ok(n) => n,
                Err(e) => return e,
            };
            let count = match int_arg(arg(argv, i + 2)) {
                Ok(n) => n,
                Err(e) => return e,
            };
            limit = Some((offset, count));
            i += 2;
        } else if is(a, "store") && left >= 1 && !read_only {
            store = Some(arg(argv, i + 1).to_vec());
            i += 1;
        } else if is(a, "by") && left >= 1 {
            by = Some(arg(argv, i + 1).to_vec());
            i += 1;
        } else if is(a, "get") && left >= 1 {
            gets.push(arg(argv, i + 1).to_vec());
            i += 1;
        } else {
            return Reply::error(err::SYNTAX);
        }
        i += 1;
    }
    let now = ex.now_ms;
    let mut elements: Vec<Vec<u8>> = match ex.db(c).get(key, now) {
        None => Vec::new(),
        Some(Value::List(l)) => l.iter().cloned().collect(),
        Some(Value::Set(s)) => s.iter().cloned().collect(),
        Some(Value::ZSet(z)) => z.iter().map(|(m, _)| m.to_vec()).collect(),
        Some(_) => return Reply::error(err::WRONGTYPE),
    };
    // A BY pattern without `*` means "do not sort".
    let dont_sort = by.as_ref().is_some_and(|p| !p.contains(&b'*'));
    if !dont_sort {
        let mut keyed: Vec<(Vec<u8>, Option<Vec<u8>>)> = Vec::with_capacity(elements.len());
        for e in elements.drain(..) {
            let weight = match &by {
                Some(p) => lookup(ex, c, p, &e),
                None => Some(e.clone()),
            };
            keyed.push((e, weight));
        }
        let mut scores: Vec<f64> = Vec::new();
        if !alpha {
            for (_, w) in &keyed {
                match w {
                    None => scores.push(0.0),
                    Some(w) => {
                        match parse_range_float(w).filter(|v| v.is_finite() || is_inf_literal(w)) {
                            Some(v) => scores.push(v),
                            None => {
                                return Reply::error(
                                    "ERR One or more scores can't be converted into double",
                                )
                            }
                        }
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..keyed.len()).collect();
        order.sort_by(|&a, &b| {
            let cmp = if alpha {
                match (&keyed[a].1, &keyed[b].1) {
                    (None, None) => Ordering::Equal,
                    (None, Some(_)) => Ordering::Less,
                    (Some(_), None) => Ordering::Greater,
                    (Some(x), Some(y)) => x.cmp(y),
                }
            } else {
                scores[a]
                    .partial_cmp(&scores[b])
                    .unwrap_or(Ordering::Equal)
                    .then_with(|| keyed[a].0.cmp(&keyed[b].0))
            };
            if desc {
                cmp.reverse()
            } else {
                cmp
            }
        });
        elements = order.into_iter().map(|i| keyed[i].0.clone()).collect();
    }
    if let Some((offset, count)) = limit {
        let len = elements.len() as i64;
        let start = offset.clamp(0, len) as usize;
        let end = if count < 0 {
            len as usize
        } else {
            (start as i64 + count).min(len) as usize
        };
        elements = elements
            .get(start..end)
            .map(|s| s.to_vec())
            .unwrap_or_default();
    }
    let mut out: Vec<Option<Vec<u8>>> = Vec::new();
    if gets.is_empty() {
        out.extend(elements.into_iter().map(Some));
    } else {
        for e in &elements {
            for g in &gets {
                out.push(lookup(ex, c, g, e));
            }
        }
    }
    match store {
        Some(dest) => {
            let n = out.len() as i64;
            let db = ex.db(c);
            if out.is_empty() {
                db.remove(&dest, now);
            } else {
                let list: List = out.into_iter().map(|v| v.unwrap_or_default()).collect();
                db.set(dest.clone(), Value::List(Box::new(list)), now);
            }
            let index = c.db;
            ex.touch_key(index, &dest);
            Reply::Integer(n)
        }
        None => Reply::Array(
            out.into_iter()
                .map(|v| v.map_or(Reply::Null, Reply::Bulk))
                .collect(),
        ),
    }
}
