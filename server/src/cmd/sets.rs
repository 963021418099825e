//! Set commands.

use bytes::Bytes;

use super::keys::{scan_options, scan_reply};
use super::{arg, bulks, int_arg};
use crate::client::Client;
use crate::command::Handler;
use crate::db::{Set, Value};
use crate::executor::{err, Exec, Rng};
use crate::frame::parse_i64;
use crate::glob::glob_match;
use crate::reply::Reply;

/// The set handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("sadd", sadd),
    ("srem", srem),
    ("smembers", smembers),
    ("sismember", sismember),
    ("smismember", smismember),
    ("scard", scard),
    ("spop", spop),
    ("srandmember", srandmember),
    ("smove", smove),
    ("sinter", sinter),
    ("sunion", sunion),
    ("sdiff", sdiff),
    ("sinterstore", sinterstore),
    ("sunionstore", sunionstore),
    ("sdiffstore", sdiffstore),
    ("sintercard", sintercard),
    ("sscan", sscan),
];

/// Most elements a negative COUNT may ask for. Redis 7.0 tries to build any size of
/// reply (and runs out of memory); redmoon refuses beyond this.
pub const MAX_RANDOM_COUNT: u64 = 16 * 1024 * 1024;

/// Indexes of random elements among `len`, with Redis's COUNT rules: none given -> one;
/// positive -> distinct, at most `len`; negative -> `|count|` with repetition.
pub fn random_picks(rng: &mut Rng, len: usize, count: Option<i64>) -> Result<Vec<usize>, Reply> {
    if len == 0 {
        return Ok(Vec::new());
    }
    Ok(match count {
        None => vec![rng.below(len)],
        Some(n) if n < 0 => {
            if n.unsigned_abs() > MAX_RANDOM_COUNT {
                return Err(Reply::error("ERR value is out of range"));
            }
            (0..n.unsigned_abs()).map(|_| rng.below(len)).collect()
        }
        // Redis answers a count that covers the whole collection with all of it,
        // in the collection's own order, drawing nothing.
        Some(n) if n as usize >= len => (0..len).collect(),
        Some(n) => {
            let n = n as usize;
            // Partial Fisher-Yates over the indexes.
            let mut idx: Vec<usize> = (0..len).collect();
            for i in 0..n {
                let j = i + rng.below(len - i);
                idx.swap(i, j);
            }
            idx.truncate(n);
            idx
        }
    })
}

/// Members in the order Redis shows them: sorted numerically for a small all-integer
/// set (an intset), insertion order otherwise.
pub fn ordered_members(s: &Set) -> Vec<Vec<u8>> {
    if s.len() <= 512 {
        let ints: Option<Vec<(i64, &Vec<u8>)>> =
            s.iter().map(|m| parse_i64(m).map(|n| (n, m))).collect();
        if let Some(mut ints) = ints {
            ints.sort_unstable_by_key(|(n, _)| *n);
            return ints.into_iter().map(|(_, m)| m.clone()).collect();
        }
    }
    s.iter().cloned().collect()
}

fn set_reply(members: Vec<Vec<u8>>) -> Reply {
    Reply::Set(members.into_iter().map(Reply::Bulk).collect())
}

fn sadd(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Set>(c, arg(argv, 1), true) {
        Ok(Some(s)) => {
            Reply::Integer(argv[2..].iter().filter(|m| s.insert(m.to_vec())).count() as i64)
        }
        Ok(None) => Reply::Integer(0),
        Err(e) => e,
    }
}

fn srem(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    let n = match ex.typed::<Set>(c, key, false) {
        Ok(Some(s)) => argv[2..]
            .iter()
            .filter(|m| s.swap_remove(m.as_ref()))
            .count(),
        Ok(None) => 0,
        Err(e) => return e,
    };
    ex.db(c).remove_if_empty(key);
    Reply::Integer(n as i64)
}

fn smembers(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Set>(c, arg(argv, 1), false) {
        Ok(s) => set_reply(s.map(|s| ordered_members(s)).unwrap_or_default()),
        Err(e) => e,
    }
}

fn sismember(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Set>(c, arg(argv, 1), false) {
        Ok(s) => Reply::Integer(i64::from(s.is_some_and(|s| s.contains(arg(argv, 2))))),
        Err(e) => e,
    }
}

fn smismember(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Set>(c, arg(argv, 1), false) {
        Ok(s) => Reply::Array(
            argv[2..]
                .iter()
                .map(|m| {
                    Reply::Integer(i64::from(
                        s.as_ref().is_some_and(|s| s.contains(m.as_ref())),
                    ))
                })
                .collect(),
        ),
        Err(e) => e,
    }
}

fn scard(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Set>(c, arg(argv, 1), false) {
        Ok(s) => Reply::Integer(s.map_or(0, |s| s.len() as i64)),
        Err(e) => e,
    }
}

fn parse_count(argv: &[Bytes]) -> Result<Option<i64>, Reply> {
    match argv.get(2) {
        None => Ok(None),
        Some(a) => int_arg(a).map(Some),
    }
}

fn spop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let count = match parse_count(argv) {
        Ok(Some(n)) if n < 0 => return Reply::error("ERR value is out of range, must be positive"),
        Ok(n) => n,
        Err(_) => return Reply::error("ERR value is out of range, must be positive"),
    };
    if argv.len() > 3 {
        return Reply::error(err::SYNTAX);
    }
    let key = arg(argv, 1);
    let picks = match ex.typed::<Set>(c, key, false) {
        Ok(Some(s)) => {
            let len = s.len();
            match random_picks(&mut ex.rng, len, count) {
                Ok(p) => p,
                Err(e) => return e,
            }
        }
        Ok(None) => {
            return if count.is_some() {
                Reply::Set(Vec::new())
            } else {
                Reply::Null
            }
        }
        Err(e) => return e,
    };
    let Ok(Some(s)) = ex.typed::<Set>(c, key, false) else {
        return Reply::Null;
    };
    let chosen: Vec<Vec<u8>> = picks
        .iter()
        .filter_map(|&i| s.get_index(i).cloned())
        .collect();
    for m in &chosen {
        s.swap_remove(m);
    }
    ex.db(c).remove_if_empty(key);
    match count {
        None => chosen.into_iter().next().map_or(Reply::Null, Reply::Bulk),
        Some(_) => set_reply(chosen),
    }
}

fn srandmember(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let count = match parse_count(argv) {
        Ok(n) => n,
        Err(e) => return e,
    };
    if argv.len() > 3 {
        return Reply::error(err::SYNTAX);
    }
    let members: Vec<Vec<u8>> = match ex.typed::<Set>(c, arg(argv, 1), false) {
        Ok(Some(s)) => s.iter().cloned().collect(),
        Ok(None) => {
            return if count.is_some() {
                Reply::Array(Vec::new())
            } else {
                Reply::Null
            }
        }
        Err(e) => return e,
    };
    let picks = match random_picks(&mut ex.rng, members.len(), count) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let chosen = picks.into_iter().filter_map(|i| members.get(i).cloned());
    match count {
        None => chosen.into_iter().next().map_or(Reply::Null, Reply::Bulk),
        Some(_) => bulks(chosen),
    }
}

fn smove(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let (src, dst, member) = (arg(argv, 1), arg(argv, 2), arg(argv, 3));
    match ex.typed::<Set>(c, src, false) {
        Ok(Some(_)) => {}
        Ok(None) => return Reply::Integer(0),
        Err(e) => return e,
    }
    if let Err(e) = ex.typed::<Set>(c, dst, false) {
        return e;
    }
    if src == dst {
        let present = matches!(ex.typed::<Set>(c, src, false), Ok(Some(s)) if s.contains(member));
        return Reply::Integer(i64::from(present));
    }
    let moved = match ex.typed::<Set>(c, src, false) {
        Ok(Some(s)) => s.swap_remove(member),
        Ok(None) => false,
        Err(e) => return e,
    };
    if !moved {
        return Reply::Integer(0);
    }
    ex.db(c).remove_if_empty(src);
    if let Ok(Some(d)) = ex.typed::<Set>(c, dst, true) {
        d.insert(member.to_vec());
    }
    Reply::Integer(1)
}

/// Reads every set named in `keys` (missing keys as empty sets).
fn read_sets(ex: &mut Exec, c: &Client, keys: &[Bytes]) -> Result<Vec<Option<Set>>, Reply> {
    keys.iter()
        .map(|k| ex.typed::<Set>(c, k, false).map(|s| s.cloned()))
        .collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Inter,
    Union,
    Diff,
}

fn combine(sets: Vec<Option<Set>>, op: Op) -> Set {
    let mut it = sets.into_iter();
    let first = it.next().flatten().unwrap_or_default();
    match op {
        Op::Union => {
            let mut out = first;
            for s in it.flatten() {
                out.extend(s);
            }
            out
        }
        Op::Diff => {
            let mut out = first;
            for s in it.flatten() {
                out.retain(|m| !s.contains(m));
            }
            out
        }
        Op::Inter => {
            let rest: Vec<Option<Set>> = it.collect();
            if rest.iter().any(|s| s.is_none()) {
                return Set::new();
            }
            let mut out = first;
            for s in rest.into_iter().flatten() {
                out.retain(|m| s.contains(m));
            }
            out
        }
    }
}

fn set_op(ex: &mut Exec, c: &mut Client, keys: &[Bytes], op: Op) -> Result<Set, Reply> {
    Ok(combine(read_sets(ex, c, keys)?, op))
}

fn sinter(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_op(ex, c, &argv[1..], Op::Inter).map_or_else(|e| e, |s| set_reply(ordered_members(&s)))
}

fn sunion(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_op(ex, c, &argv[1..], Op::Union).map_or_else(|e| e, |s| set_reply(ordered_members(&s)))
}

fn sdiff(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_op(ex, c, &argv[1..], Op::Diff).map_or_else(|e| e, |s| set_reply(ordered_members(&s)))
}

fn store(ex: &mut Exec, c: &mut Client, argv: &[Bytes], op: Op) -> Reply {
    let result = match set_op(ex, c, &argv[2..], op) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let n = result.len() as i64;
    let now = ex.now_ms;
    let db = ex.db(c);
    if result.is_empty() {
        db.remove(arg(argv, 1), now);
    } else {
        db.set(arg(argv, 1), Value::Set(Box::new(result)), now);
    }
    Reply::Integer(n)
}

fn sinterstore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    store(ex, c, argv, Op::Inter)
}

fn sunionstore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    store(ex, c, argv, Op::Union)
}

fn sdiffstore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    store(ex, c, argv, Op::Diff)
}

fn sintercard(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let numkeys = match int_arg(arg(argv, 1)) {
        Ok(n) if n > 0 => n as usize,
        Ok(_) => return Reply::error("ERR numkeys should be greater than 0"),
        Err(_) => return Reply::error("ERR numkeys should be greater than 0"),
    };
    if numkeys > argv.len() - 2 {
        return Reply::error("ERR Number of keys can't be greater than number of args");
    }
    let mut limit = 0usize;
    let mut i = 2 + numkeys;
    while i < argv.len() {
        if super::is(arg(argv, i), "limit") && i + 1 < argv.len() {
            match int_arg(arg(argv, i + 1)) {
                Ok(n) if n >= 0 => limit = n as usize,
                _ => return Reply::error("ERR LIMIT can't be negative"),
            }
            i += 2;
        } else {
            return Reply::error(err::SYNTAX);
        }
    }
    match set_op(ex, c, &argv[2..2 + numkeys], Op::Inter) {
        Ok(s) => Reply::Integer(if limit > 0 {
            s.len().min(limit)
        } else {
            s.len()
        } as i64),
        Err(e) => e,
    }
}

fn sscan(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let (cursor, opts) = match scan_options(argv, 2, false) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let s = match ex.typed::<Set>(c, arg(argv, 1), false) {
        Ok(Some(s)) => s,
        Ok(None) => return scan_reply(0, Vec::new()),
        Err(e) => return e,
    };
    let members = ordered_members(s);
    let intset = members.len() <= 512 && members.iter().all(|m| parse_i64(m).is_some());
    let (start, end) = if intset {
        (0, members.len())
    } else {
        (cursor, cursor.saturating_add(opts.count).min(members.len()))
    };
    let items = members
        .get(start..end)
        .unwrap_or(&[])
        .iter()
        .filter(|m| {
            opts.pattern
                .as_ref()
                .is_none_or(|p| glob_match(p, m, false))
        })
        .map(|m| Reply::Bulk(m.clone()))
        .collect();
    let next = if end >= members.len() { 0 } else { end };
    scan_reply(next, items)
}
