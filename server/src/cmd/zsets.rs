//! Sorted set commands.

use std::collections::HashMap;

use bytes::Bytes;

use super::hashes::pairs_reply;
use super::keys::{scan_options, scan_reply};
use super::lists::{block_or_answer, timeout_arg};
use super::{arg, bulks, done, int_arg, is, parse_float, parse_range_float, resolve_range};
use crate::client::Client;
use crate::command::Handler;
use crate::db::Value;
use crate::executor::{err, Exec};
use crate::glob::glob_match;
use crate::reply::Reply;
use crate::zset::ZSet;

/// The sorted set handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("zadd", zadd),
    ("zincrby", zincrby),
    ("zrem", zrem),
    ("zcard", zcard),
    ("zscore", zscore),
    ("zmscore", zmscore),
    ("zrank", zrank),
    ("zrevrank", zrevrank),
    ("zcount", zcount),
    ("zlexcount", zlexcount),
    ("zrange", zrange),
    ("zrangestore", zrangestore),
    ("zrevrange", zrevrange),
    ("zrangebyscore", zrangebyscore),
    ("zrevrangebyscore", zrevrangebyscore),
    ("zrangebylex", zrangebylex),
    ("zrevrangebylex", zrevrangebylex),
    ("zremrangebyscore", zremrangebyscore),
    ("zremrangebyrank", zremrangebyrank),
    ("zremrangebylex", zremrangebylex),
    ("zpopmin", zpopmin),
    ("zpopmax", zpopmax),
    ("bzpopmin", bzpopmin),
    ("bzpopmax", bzpopmax),
    ("zmpop", zmpop),
    ("bzmpop", bzmpop),
    ("zrandmember", zrandmember),
    ("zunionstore", zunionstore),
    ("zinterstore", zinterstore),
    ("zdiffstore", zdiffstore),
    ("zunion", zunion),
    ("zinter", zinter),
    ("zdiff", zdiff),
    ("zintercard", zintercard),
    ("zscan", zscan),
];

/// Members up to which Redis keeps a sorted set as a listpack.
const LISTPACK_ENTRIES: usize = 128;
/// Longest member a listpack-encoded sorted set holds.
const LISTPACK_VALUE: usize = 64;

/// Members with their scores.
type Scored = Vec<(Vec<u8>, f64)>;

fn score_arg(a: &[u8]) -> Result<f64, Reply> {
    parse_float(a).ok_or_else(|| Reply::error(err::NOT_FLOAT))
}

fn zadd_generic(ex: &mut Exec, c: &mut Client, argv: &[Bytes], incr_cmd: bool) -> Reply {
    let key = arg(argv, 1);
    let r = done((|| {
        let (mut nx, mut xx, mut gt, mut lt, mut ch, mut incr) =
            (false, false, false, false, false, incr_cmd);
        let mut i = 2;
        if !incr_cmd {
            while i < argv.len() {
                let a = arg(argv, i);
                if is(a, "nx") {
                    nx = true;
                } else if is(a, "xx") {
                    xx = true;
                } else if is(a, "gt") {
                    gt = true;
                } else if is(a, "lt") {
                    lt = true;
                } else if is(a, "ch") {
                    ch = true;
                } else if is(a, "incr") {
                    incr = true;
                } else {
                    break;
                }
                i += 1;
            }
        }
        let rest = &argv[i..];
        if rest.is_empty() || !rest.len().is_multiple_of(2) {
            return Err(Reply::error(err::SYNTAX));
        }
        if nx && xx {
            return Err(Reply::error(
                "ERR XX and NX options at the same time are not compatible",
            ));
        }
        if ((gt || lt) && nx) || (gt && lt) {
            return Err(Reply::error(
                "ERR GT, LT, and/or NX options at the same time are not compatible",
            ));
        }
        if incr && rest.len() > 2 {
            return Err(Reply::error(
                "ERR INCR option supports a single increment-element pair",
            ));
        }
        let mut pairs = Vec::with_capacity(rest.len() / 2);
        for p in rest.chunks_exact(2) {
            pairs.push((score_arg(&p[0])?, p[1].to_vec()));
        }
        if ex.typed::<ZSet>(c, key, false)?.is_none() && xx {
            return Ok(if incr { Reply::Null } else { Reply::Integer(0) });
        }
        let now = ex.now_ms;
        // A listpack stores a score that is a whole number as an integer, which turns
        // -0 into 0 (as adding 0.0 does); a skiplist keeps -0. Track the encoding as
        // Redis converts it.
        let mut listpack = match ex.db(c).peek(key, now) {
            Some(entry) => entry.encoding() == "listpack",
            None => {
                pairs.len() <= LISTPACK_ENTRIES
                    && pairs.iter().all(|(_, m)| m.len() <= LISTPACK_VALUE)
            }
        };
        let Some(z) = ex.typed::<ZSet>(c, key, true)? else {
            return Err(Reply::error(err::WRONGTYPE));
        };
        let (mut added, mut changed) = (0, 0);
        let mut last = None;
        for (score, member) in pairs {
            let old = z.score(&member);
            let mut new = score;
            if let Some(o) = old {
                if nx {
                    continue;
                }
                if incr {
                    new = o + score;
                    if new.is_nan() {
                        return Err(Reply::error("ERR resulting score is not a number (NaN)"));
                    }
                }
                if (gt && new <= o) || (lt && new >= o) {
                    continue;
                }
                if new != o {
                    z.insert(member, if listpack { new + 0.0 } else { new });
                    changed += 1;
                }
                last = Some(new);
            } else {
                if xx {
                    continue;
                }
                listpack &= z.len() < LISTPACK_ENTRIES && member.len() <= LISTPACK_VALUE;
                z.insert(member, if listpack { new + 0.0 } else { new });
                added += 1;
                last = Some(new);
            }
        }
        Ok(if incr {
            last.map_or(Reply::Null, Reply::Double)
        } else {
            Reply::Integer(if ch { added + changed } else { added })
        })
    })());
    ex.db(c).remove_if_empty(key);
    r
}

fn zadd(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    zadd_generic(ex, c, argv, false)
}

fn zincrby(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    zadd_generic(ex, c, argv, true)
}

fn zrem(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    let n = match ex.typed::<ZSet>(c, key, false) {
        Ok(Some(z)) => argv[2..].iter().filter(|m| z.remove(m)).count(),
        Ok(None) => 0,
        Err(e) => return e,
    };
    ex.db(c).remove_if_empty(key);
    Reply::Integer(n as i64)
}

fn zcard(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<ZSet>(c, arg(argv, 1), false) {
        Ok(z) => Reply::Integer(z.map_or(0, |z| z.len() as i64)),
        Err(e) => e,
    }
}

fn zscore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<ZSet>(c, arg(argv, 1), false) {
        Ok(z) => z
            .and_then(|z| z.score(arg(argv, 2)))
            .map_or(Reply::Null, Reply::Double),
        Err(e) => e,
    }
}

fn zmscore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<ZSet>(c, arg(argv, 1), false) {
        Ok(z) => Reply::Array(
            argv[2..]
                .iter()
                .map(|m| {
                    z.as_ref()
                        .and_then(|z| z.score(m))
                        .map_or(Reply::Null, Reply::Double)
                })
                .collect(),
        ),
        Err(e) => e,
    }
}

fn rank(ex: &mut Exec, c: &mut Client, argv: &[Bytes], rev: bool) -> Reply {
    match ex.typed::<ZSet>(c, arg(argv, 1), false) {
        Ok(Some(z)) => match z.rank(arg(argv, 2)) {
            Some(r) => Reply::Integer(if rev { z.len() - 1 - r } else { r } as i64),
            None => Reply::Null,
        },
        Ok(None) => Reply::Null,
        Err(e) => e,
    }
}

fn zrank(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    rank(ex, c, argv, false)
}

fn zrevrank(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    rank(ex, c, argv, true)
}

/// A score bound: value and exclusiveness.
#[derive(Clone, Copy)]
struct ScoreBound(f64, bool);

fn score_bound(a: &[u8]) -> Result<ScoreBound, Reply> {
    let bad = || Reply::error("ERR min or max is not a float");
    match a.strip_prefix(b"(") {
        Some(rest) => Ok(ScoreBound(parse_range_float(rest).ok_or_else(bad)?, true)),
        None => Ok(ScoreBound(parse_range_float(a).ok_or_else(bad)?, false)),
    }
}

impl ScoreBound {
    fn below_max(self, s: f64) -> bool {
        if self.1 {
            s < self.0
        } else {
            s <= self.0
        }
    }

    fn above_min(self, s: f64) -> bool {
        if self.1 {
            s > self.0
        } else {
            s >= self.0
        }
    }
}

/// A lex bound: `-`, `+`, `[x` or `(x`.
#[derive(Clone)]
enum LexBound {
    Min,
    Max,
    Incl(Vec<u8>),
    Excl(Vec<u8>),
}

fn lex_bound(a: &[u8]) -> Result<LexBound, Reply> {
    match a.first() {
        Some(b'-') if a.len() == 1 => Ok(LexBound::Min),
        Some(b'+') if a.len() == 1 => Ok(LexBound::Max),
        Some(b'[') => Ok(LexBound::Incl(a[1..].to_vec())),
        Some(b'(') => Ok(LexBound::Excl(a[1..].to_vec())),
        _ => Err(Reply::error("ERR min or max not valid string range item")),
    }
}

fn lex_above_min(b: &LexBound, m: &[u8]) -> bool {
    match b {
        LexBound::Min => true,
        LexBound::Max => false,
        LexBound::Incl(x) => m >= x.as_slice(),
        LexBound::Excl(x) => m > x.as_slice(),
    }
}

fn lex_below_max(b: &LexBound, m: &[u8]) -> bool {
    match b {
        LexBound::Min => false,
        LexBound::Max => true,
        LexBound::Incl(x) => m <= x.as_slice(),
        LexBound::Excl(x) => m < x.as_slice(),
    }
}

fn zcount(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let min = score_bound(arg(argv, 2))?;
        let max = score_bound(arg(argv, 3))?;
        let Some(z) = ex.typed::<ZSet>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Integer(0));
        };
        let n = z.range_by_score(min.0, min.1, max.0, max.1).count();
        Ok(Reply::Integer(n as i64))
    })())
}

fn zlexcount(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let min = lex_bound(arg(argv, 2))?;
        let max = lex_bound(arg(argv, 3))?;
        let Some(z) = ex.typed::<ZSet>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Integer(0));
        };
        let n = z
            .iter()
            .filter(|(m, _)| lex_above_min(&min, m) && lex_below_max(&max, m))
            .count();
        Ok(Reply::Integer(n as i64))
    })())
}

#[derive(Clone, Copy, PartialEq)]
enum By {
    Rank,
    Score,
    Lex,
}

/// A parsed range request of the ZRANGE family.
struct RangeSpec {
    by: By,
    rev: bool,
    start: Vec<u8>,
    stop: Vec<u8>,
    limit: Option<(i64, i64)>,
    withscores: bool,
}

/// Members selected by a range request, in reply order.
fn select(z: &ZSet, spec: &RangeSpec) -> Result<Vec<(Vec<u8>, f64)>, Reply> {
    let mut items: Vec<(Vec<u8>, f64)> = match spec.by {
        By::Rank => {
            let start = int_arg(&spec.start)?;
            let stop = int_arg(&spec.stop)?;
            let Some((s, e)) = resolve_range(start, stop, z.len()) else {
                return Ok(Vec::new());
            };
            let it = z.iter().map(|(m, s)| (m.to_vec(), s));
            return Ok(if spec.rev {
                it.rev().skip(s).take(e - s + 1).collect()
            } else {
                it.skip(s).take(e - s + 1).collect()
            });
        }
        By::Score => {
            // With REV the first bound is the maximum.
            let (min_a, max_a) = if spec.rev {
                (&spec.stop, &spec.start)
            } else {
                (&spec.start, &spec.stop)
            };
            let min = score_bound(min_a)?;
            let max = score_bound(max_a)?;
            z.iter()
                .filter(|(_, s)| min.above_min(*s) && max.below_max(*s))
                .map(|(m, s)| (m.to_vec(), s))
                .collect()
        }
        By::Lex => {
            let (min_a, max_a) = if spec.rev {
                (&spec.stop, &spec.start)
            } else {
                (&spec.start, &spec.stop)
            };
            let min = lex_bound(min_a)?;
            let max = lex_bound(max_a)?;
            z.iter()
                .filter(|(m, _)| lex_above_min(&min, m) && lex_below_max(&max, m))
                .map(|(m, s)| (m.to_vec(), s))
                .collect()
        }
    };
    if spec.rev {
        items.reverse();
    }
    if let Some((offset, count)) = spec.limit {
        if offset < 0 {
            return Ok(Vec::new());
        }
        let it = items.into_iter().skip(offset as usize);
        items = if count < 0 {
            it.collect()
        } else {
            it.take(count as usize).collect()
        };
    }
    Ok(items)
}

fn scored_reply(protocol: u8, items: Vec<(Vec<u8>, f64)>, withscores: bool) -> Reply {
    if withscores {
        pairs_reply(
            protocol,
            items
                .into_iter()
                .map(|(m, s)| (Reply::Bulk(m), Reply::Double(s)))
                .collect(),
        )
    } else {
        bulks(items.into_iter().map(|(m, _)| m))
    }
}

/// Parses ZRANGE options after `argv[first]`; `old_style` names the legacy command.
fn parse_range(
    argv: &[Bytes],
    by: By,
    rev: bool,
    allow_store_opts: bool,
) -> Result<RangeSpec, Reply> {
    let key_offset = if allow_store_opts { 1 } else { 0 };
    let mut spec = RangeSpec {
        by,
        rev,
        start: arg(argv, 2 + key_offset).to_vec(),
        stop: arg(argv, 3 + key_offset).to_vec(),
        limit: None,
        withscores: false,
    };
    let mut i = 4 + key_offset;
    while i < argv.len() {
        let a = arg(argv, i);
        if is(a, "withscores") && !allow_store_opts {
            spec.withscores = true;
        } else if is(a, "limit") && i + 2 < argv.len() {
            spec.limit = Some((int_arg(arg(argv, i + 1))?, int_arg(arg(argv, i + 2))?));
            i += 2;
        } else if is(a, "rev") {
            spec.rev = true;
        } else if is(a, "byscore") && spec.by == By::Rank {
            spec.by = By::Score;
        } else if is(a, "bylex") && spec.by == By::Rank {
            spec.by = By::Lex;
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
        i += 1;
    }
    if spec.limit.is_some() && spec.by == By::Rank {
        return Err(Reply::error(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
        ));
    }
    if spec.withscores && spec.by == By::Lex {
        return Err(Reply::error(
            "ERR syntax error, WITHSCORES not supported in combination with BYLEX",
        ));
    }
    Ok(spec)
}

fn range_cmd(
    ex: &mut Exec,
    c: &mut Client,
    argv: &[Bytes],
    by: By,
    rev: bool,
    generic: bool,
) -> Reply {
    done((|| {
        let spec = if generic {
            parse_range(argv, by, rev, false)?
        } else {
            legacy_range(argv, by, rev)?
        };
        let protocol = c.protocol;
        // Bounds are checked before the key, as Redis parses them first.
        select(&ZSet::new(), &spec)?;
        let Some(z) = ex.typed::<ZSet>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Array(Vec::new()));
        };
        let items = select(z, &spec)?;
        Ok(scored_reply(protocol, items, spec.withscores))
    })())
}

/// ZRANGEBYSCORE / ZREVRANGE... options: WITHSCORES and LIMIT only.
fn legacy_range(argv: &[Bytes], by: By, rev: bool) -> Result<RangeSpec, Reply> {
    let mut spec = RangeSpec {
        by,
        rev,
        start: arg(argv, 2).to_vec(),
        stop: arg(argv, 3).to_vec(),
        limit: None,
        withscores: false,
    };
    let mut i = 4;
    while i < argv.len() {
        let a = arg(argv, i);
        if is(a, "withscores") && by != By::Lex {
            spec.withscores = true;
        } else if is(a, "limit") && by != By::Rank && i + 2 < argv.len() {
            spec.limit = Some((int_arg(arg(argv, i + 1))?, int_arg(arg(argv, i + 2))?));
            i += 2;
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
        i += 1;
    }
    Ok(spec)
}

fn zrange(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    range_cmd(ex, c, argv, By::Rank, false, true)
}

fn zrevrange(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    range_cmd(ex, c, argv, By::Rank, true, false)
}

fn zrangebyscore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    range_cmd(ex, c, argv, By::Score, false, false)
}

fn zrevrangebyscore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    range_cmd(ex, c, argv, By::Score, true, false)
}

fn zrangebylex(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    range_cmd(ex, c, argv, By::Lex, false, false)
}

fn zrevrangebylex(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    range_cmd(ex, c, argv, By::Lex, true, false)
}

fn store_zset(ex: &mut Exec, c: &Client, key: &[u8], z: ZSet) -> i64 {
    let n = z.len() as i64;
    let now = ex.now_ms;
    let db = ex.db(c);
    if z.is_empty() {
        db.remove(key, now);
    } else {
        db.set(key, Value::ZSet(Box::new(z)), now);
    }
    n
}

fn zrangestore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let spec = parse_range(argv, By::Rank, false, true)?;
        select(&ZSet::new(), &spec)?;
        let items = match ex.typed::<ZSet>(c, arg(argv, 2), false)? {
            Some(z) => select(z, &spec)?,
            None => Vec::new(),
        };
        let mut out = ZSet::new();
        for (m, s) in items {
            out.insert(m, s);
        }
        Ok(Reply::Integer(store_zset(ex, c, arg(argv, 1), out)))
    })())
}

fn remrange(ex: &mut Exec, c: &mut Client, argv: &[Bytes], by: By) -> Reply {
    let key = arg(argv, 1);
    let r = done((|| {
        let spec = RangeSpec {
            by,
            rev: false,
            start: arg(argv, 2).to_vec(),
            stop: arg(argv, 3).to_vec(),
            limit: None,
            withscores: false,
        };
        select(&ZSet::new(), &spec)?;
        let Some(z) = ex.typed::<ZSet>(c, key, false)? else {
            return Ok(Reply::Integer(0));
        };
        let items = select(z, &spec)?;
        for (m, _) in &items {
            z.remove(m);
        }
        Ok(Reply::Integer(items.len() as i64))
    })());
    ex.db(c).remove_if_empty(key);
    r
}

fn zremrangebyscore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    remrange(ex, c, argv, By::Score)
}

fn zremrangebyrank(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    remrange(ex, c, argv, By::Rank)
}

fn zremrangebylex(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    remrange(ex, c, argv, By::Lex)
}

/// Pops up to `count` members from the low (`min`) or high end.
fn pop_members(
    ex: &mut Exec,
    c: &Client,
    key: &[u8],
    min: bool,
    count: usize,
) -> Result<Vec<(Vec<u8>, f64)>, Reply> {
    let Some(z) = ex.typed::<ZSet>(c, key, false)? else {
        return Ok(Vec::new());
    };
    let picked: Vec<(Vec<u8>, f64)> = if min {
        z.iter().take(count).map(|(m, s)| (m.to_vec(), s)).collect()
    } else {
        z.iter()
            .rev()
            .take(count)
            .map(|(m, s)| (m.to_vec(), s))
            .collect()
    };
    for (m, _) in &picked {
        z.remove(m);
    }
    ex.db(c).remove_if_empty(key);
    Ok(picked)
}

fn zpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes], min: bool) -> Reply {
    done((|| {
        if argv.len() > 3 {
            return Err(Reply::error(err::SYNTAX));
        }
        let count = match argv.get(2) {
            None => None,
            Some(a) => match int_arg(a) {
                Ok(n) if n >= 0 => Some(n as usize),
                _ => return Err(Reply::error("ERR value is out of range, must be positive")),
            },
        };
        let items = pop_members(ex, c, arg(argv, 1), min, count.unwrap_or(1))?;
        Ok(match count {
            None => Reply::Array(
                items
                    .into_iter()
                    .flat_map(|(m, s)| [Reply::Bulk(m), Reply::Double(s)])
                    .collect(),
            ),
            Some(_) => scored_reply(c.protocol, items, true),
        })
    })())
}

fn zpopmin(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    zpop(ex, c, argv, true)
}

fn zpopmax(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    zpop(ex, c, argv, false)
}

fn bzpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes], min: bool) -> Reply {
    done((|| {
        let deadline = timeout_arg(ex, arg(argv, argv.len() - 1))?;
        let keys = &argv[1..argv.len() - 1];
        for key in keys {
            if let Some((m, s)) = pop_members(ex, c, key, min, 1)?.into_iter().next() {
                return Ok(Reply::Array(vec![
                    Reply::Bulk(key.to_vec()),
                    Reply::Bulk(m),
                    Reply::Double(s),
                ]));
            }
        }
        let keys = keys.iter().map(|k| k.to_vec()).collect();
        Ok(block_or_answer(
            ex,
            c,
            keys,
            deadline,
            argv,
            Reply::NullArray,
        ))
    })())
}

fn bzpopmin(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    bzpop(ex, c, argv, true)
}

fn bzpopmax(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    bzpop(ex, c, argv, false)
}

fn mpop_args(argv: &[Bytes], at: usize) -> Result<(Vec<Bytes>, bool, usize), Reply> {
    let numkeys = int_arg(arg(argv, at))
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| Reply::error("ERR numkeys should be greater than 0"))?
        as usize;
    if numkeys > argv.len().saturating_sub(at + 2) {
        return Err(Reply::error(
            "ERR Number of keys can't be greater than number of args",
        ));
    }
    let keys = argv[at + 1..at + 1 + numkeys].to_vec();
    let mut i = at + 1 + numkeys;
    let which = arg(argv, i);
    let min = if is(which, "min") {
        true
    } else if is(which, "max") {
        false
    } else {
        return Err(Reply::error(err::SYNTAX));
    };
    i += 1;
    let mut count = 1;
    let mut seen = false;
    while i < argv.len() {
        if is(arg(argv, i), "count") && i + 1 < argv.len() && !seen {
            count = int_arg(arg(argv, i + 1))
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| Reply::error("ERR count should be greater than 0"))?
                as usize;
            seen = true;
            i += 2;
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
    }
    Ok((keys, min, count))
}

fn mpop_from(
    ex: &mut Exec,
    c: &Client,
    keys: &[Bytes],
    min: bool,
    count: usize,
) -> Result<Reply, Reply> {
    for key in keys {
        let items = pop_members(ex, c, key, min, count)?;
        if !items.is_empty() {
            // Unlike WITHSCORES replies, ZMPOP nests its pairs in RESP2 too.
            return Ok(Reply::Array(vec![
                Reply::Bulk(key.to_vec()),
                scored_reply(3, items, true),
            ]));
        }
    }
    Ok(Reply::NullArray)
}

fn zmpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let (keys, min, count) = mpop_args(argv, 1)?;
        mpop_from(ex, c, &keys, min, count)
    })())
}

fn bzmpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let deadline = timeout_arg(ex, arg(argv, 1))?;
        let (keys, min, count) = mpop_args(argv, 2)?;
        let r = mpop_from(ex, c, &keys, min, count)?;
        if r != Reply::NullArray {
            return Ok(r);
        }
        let keys = keys.iter().map(|k| k.to_vec()).collect();
        Ok(block_or_answer(
            ex,
            c,
            keys,
            deadline,
            argv,
            Reply::NullArray,
        ))
    })())
}

fn zrandmember(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let count = match argv.get(2) {
            None => None,
            Some(a) => Some(int_arg(a)?),
        };
        let withscores = match argv.get(3) {
            None => false,
            Some(a) if is(a, "withscores") && argv.len() == 4 => true,
            Some(_) => return Err(Reply::error(err::SYNTAX)),
        };
        let protocol = c.protocol;
        let members: Vec<(Vec<u8>, f64)> = match ex.typed::<ZSet>(c, arg(argv, 1), false)? {
            Some(z) => z.iter().map(|(m, s)| (m.to_vec(), s)).collect(),
            None => {
                return Ok(if count.is_some() {
                    Reply::Array(Vec::new())
                } else {
                    Reply::Null
                })
            }
        };
        let picks = super::sets::random_picks(&mut ex.rng, members.len(), count)?;
        let chosen: Vec<(Vec<u8>, f64)> = picks
            .into_iter()
            .filter_map(|i| members.get(i).cloned())
            .collect();
        Ok(match count {
            None => chosen
                .into_iter()
                .next()
                .map_or(Reply::Null, |(m, _)| Reply::Bulk(m)),
            Some(_) => scored_reply(protocol, chosen, withscores),
        })
    })())
}

#[derive(Clone, Copy, PartialEq)]
enum SetOp {
    Union,
    Inter,
    Diff,
}

/// Computes ZUNION/ZINTER/ZDIFF over `argv[at..]` (numkeys, keys, options).
fn combine(
    ex: &mut Exec,
    c: &Client,
    argv: &[Bytes],
    at: usize,
    op: SetOp,
    name: &str,
    allow_withscores: bool,
) -> Result<(ZSet, bool), Reply> {
    let numkeys = int_arg(arg(argv, at))?;
    if numkeys <= 0 {
        return Err(Reply::error(format!(
            "ERR at least 1 input key is needed for '{name}' command"
        )));
    }
    let numkeys = numkeys as usize;
    if numkeys > argv.len() - at - 1 {
        return Err(Reply::error(err::SYNTAX));
    }
    let keys = &argv[at + 1..at + 1 + numkeys];
    // Keys are read (and type-checked) before the options are parsed, as in Redis.
    // Read every input (sets count with score 1).
    let now = ex.now_ms;
    let mut inputs: Vec<Option<Scored>> = Vec::with_capacity(numkeys);
    for key in keys {
        let members = match ex.db(c).get(key, now) {
            None => None,
            Some(Value::ZSet(z)) => Some(z.iter().map(|(m, s)| (m.to_vec(), s)).collect()),
            Some(Value::Set(s)) => Some(s.iter().map(|m| (m.clone(), 1.0)).collect()),
            Some(_) => return Err(Reply::error(err::WRONGTYPE)),
        };
        inputs.push(members);
    }
    let mut weights = vec![1.0; numkeys];
    let mut aggregate = "sum";
    let mut withscores = false;
    let mut i = at + 1 + numkeys;
    while i < argv.len() {
        let a = arg(argv, i);
        if is(a, "weights") && op != SetOp::Diff && i + numkeys < argv.len() {
            for (j, w) in weights.iter_mut().enumerate() {
                *w = parse_float(arg(argv, i + 1 + j))
                    .ok_or_else(|| Reply::error("ERR weight value is not a float"))?;
            }
            i += numkeys;
        } else if is(a, "aggregate") && op != SetOp::Diff && i + 1 < argv.len() {
            let v = arg(argv, i + 1);
            aggregate = if is(v, "sum") {
                "sum"
            } else if is(v, "min") {
                "min"
            } else if is(v, "max") {
                "max"
            } else {
                return Err(Reply::error(err::SYNTAX));
            };
            i += 1;
        } else if is(a, "withscores") && allow_withscores {
            withscores = true;
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
        i += 1;
    }
    let agg = |a: f64, b: f64| -> f64 {
        let r = match aggregate {
            "min" => a.min(b),
            "max" => a.max(b),
            _ => a + b,
        };
        if r.is_nan() {
            0.0
        } else {
            r
        }
    };
    let weighted = |s: f64, w: f64| -> f64 {
        let r = s * w;
        if r.is_nan() {
            0.0
        } else {
            r
        }
    };
    let mut out = ZSet::new();
    match op {
        SetOp::Union => {
            let mut acc: HashMap<Vec<u8>, f64> = HashMap::new();
            let mut order = Vec::new();
            for (input, w) in inputs.iter().zip(&weights) {
                for (m, s) in input.iter().flatten() {
                    let v = weighted(*s, *w);
                    match acc.get_mut(m) {
                        Some(cur) => *cur = agg(*cur, v),
                        None => {
                            acc.insert(m.clone(), v);
                            order.push(m.clone());
                        }
                    }
                }
            }
            for m in order {
                if let Some(s) = acc.remove(&m) {
                    out.insert(m, s);
                }
            }
        }
        SetOp::Inter => {
            if inputs.iter().any(|i| i.is_none()) {
                return Ok((out, withscores));
            }
            let maps: Vec<HashMap<&[u8], f64>> = inputs
                .iter()
                .map(|i| {
                    i.iter()
                        .flatten()
                        .map(|(m, s)| (m.as_slice(), *s))
                        .collect()
                })
                .collect();
            if let Some(first) = inputs.first().and_then(|i| i.as_ref()) {
                'member: for (m, s) in first {
                    let mut score = weighted(*s, weights[0]);
                    for (j, map) in maps.iter().enumerate().skip(1) {
                        match map.get(m.as_slice()) {
                            Some(v) => score = agg(score, weighted(*v, weights[j])),
                            None => continue 'member,
                        }
                    }
                    out.insert(m.clone(), score);
                }
            }
        }
        SetOp::Diff => {
            if let Some(first) = inputs.first().and_then(|i| i.as_ref()) {
                let others: Vec<HashMap<&[u8], f64>> = inputs
                    .iter()
                    .skip(1)
                    .map(|i| {
                        i.iter()
                            .flatten()
                            .map(|(m, s)| (m.as_slice(), *s))
                            .collect()
                    })
                    .collect();
                for (m, s) in first {
                    if !others.iter().any(|o| o.contains_key(m.as_slice())) {
                        out.insert(m.clone(), *s);
                    }
                }
            }
        }
    }
    Ok((out, withscores))
}

fn store_op(ex: &mut Exec, c: &mut Client, argv: &[Bytes], op: SetOp, name: &str) -> Reply {
    done((|| {
        let (z, _) = combine(ex, c, argv, 2, op, name, false)?;
        Ok(Reply::Integer(store_zset(ex, c, arg(argv, 1), z)))
    })())
}

fn zunionstore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    store_op(ex, c, argv, SetOp::Union, "zunionstore")
}

fn zinterstore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    store_op(ex, c, argv, SetOp::Inter, "zinterstore")
}

fn zdiffstore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    store_op(ex, c, argv, SetOp::Diff, "zdiffstore")
}

fn read_op(ex: &mut Exec, c: &mut Client, argv: &[Bytes], op: SetOp, name: &str) -> Reply {
    done((|| {
        let (z, withscores) = combine(ex, c, argv, 1, op, name, true)?;
        let items = z.iter().map(|(m, s)| (m.to_vec(), s)).collect();
        Ok(scored_reply(c.protocol, items, withscores))
    })())
}

fn zunion(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    read_op(ex, c, argv, SetOp::Union, "zunion")
}

fn zinter(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    read_op(ex, c, argv, SetOp::Inter, "zinter")
}

fn zdiff(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    read_op(ex, c, argv, SetOp::Diff, "zdiff")
}

fn zintercard(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let numkeys = int_arg(arg(argv, 1))?;
        if numkeys <= 0 {
            return Err(Reply::error(
                "ERR at least 1 input key is needed for 'zintercard' command",
            ));
        }
        let n = numkeys as usize;
        if n > argv.len() - 2 {
            return Err(Reply::error(
                "ERR Number of keys can't be greater than number of args",
            ));
        }
        let mut limit = 0usize;
        let mut i = 2 + n;
        while i < argv.len() {
            if is(arg(argv, i), "limit") && i + 1 < argv.len() {
                match int_arg(arg(argv, i + 1)) {
                    Ok(v) if v >= 0 => limit = v as usize,
                    _ => return Err(Reply::error("ERR LIMIT can't be negative")),
                }
                i += 2;
            } else {
                return Err(Reply::error(err::SYNTAX));
            }
        }
        let mut sub: Vec<Bytes> = vec![Bytes::from_static(b"zinter")];
        sub.extend_from_slice(&argv[1..2 + n]);
        let (z, _) = combine(ex, c, &sub, 1, SetOp::Inter, "zintercard", false)?;
        Ok(Reply::Integer(if limit > 0 {
            z.len().min(limit)
        } else {
            z.len()
        } as i64))
    })())
}

fn zscan(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let (cursor, opts) = match scan_options(argv, 2, false) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let z = match ex.typed::<ZSet>(c, arg(argv, 1), false) {
        Ok(Some(z)) => z,
        Ok(None) => return scan_reply(0, Vec::new()),
        Err(e) => return e,
    };
    let all: Vec<(Vec<u8>, f64)> = z.iter().map(|(m, s)| (m.to_vec(), s)).collect();
    let (start, end) = if all.len() <= 128 {
        (0, all.len())
    } else {
        (cursor, cursor.saturating_add(opts.count).min(all.len()))
    };
    let mut items = Vec::new();
    for (m, s) in all.get(start..end).unwrap_or(&[]) {
        if opts
            .pattern
            .as_ref()
            .is_some_and(|p| !glob_match(p, m, false))
        {
            continue;
        }
        items.push(Reply::Bulk(m.clone()));
        items.push(Reply::Bulk(crate::reply::format_double(*s).into_bytes()));
    }
    let next = if end >= all.len() { 0 } else { end };
    scan_reply(next, items)
}
