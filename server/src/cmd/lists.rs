//! List commands, with the blocking pops.

use bytes::Bytes;

use super::{arg, bulks, done, int_arg, is, resolve_range};
use crate::client::Client;
use crate::command::Handler;
use crate::db::List;
use crate::executor::{err, Exec};
use crate::reply::Reply;

/// The list handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("lpush", lpush),
    ("rpush", rpush),
    ("lpushx", lpushx),
    ("rpushx", rpushx),
    ("lpop", lpop),
    ("rpop", rpop),
    ("llen", llen),
    ("lrange", lrange),
    ("lindex", lindex),
    ("lset", lset),
    ("linsert", linsert),
    ("lrem", lrem),
    ("ltrim", ltrim),
    ("lpos", lpos),
    ("rpoplpush", rpoplpush),
    ("lmove", lmove),
    ("lmpop", lmpop),
    ("blpop", blpop),
    ("brpop", brpop),
    ("blmove", blmove),
    ("brpoplpush", brpoplpush),
    ("blmpop", blmpop),
];

fn push(ex: &mut Exec, c: &mut Client, argv: &[Bytes], left: bool, only_existing: bool) -> Reply {
    let key = arg(argv, 1);
    match ex.typed::<List>(c, key, !only_existing) {
        Ok(Some(l)) => {
            for v in &argv[2..] {
                if left {
                    l.push_front(v.to_vec());
                } else {
                    l.push_back(v.to_vec());
                }
            }
            Reply::Integer(l.len() as i64)
        }
        Ok(None) => Reply::Integer(0),
        Err(e) => e,
    }
}

fn lpush(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    push(ex, c, argv, true, false)
}

fn rpush(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    push(ex, c, argv, false, false)
}

fn lpushx(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    push(ex, c, argv, true, true)
}

fn rpushx(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    push(ex, c, argv, false, true)
}

/// Pops up to `count` elements from one end; deletes the key when emptied.
fn pop_n(
    ex: &mut Exec,
    c: &Client,
    key: &[u8],
    left: bool,
    count: usize,
) -> Result<Option<Vec<Vec<u8>>>, Reply> {
    let Some(l) = ex.typed::<List>(c, key, false)? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for _ in 0..count {
        let v = if left { l.pop_front() } else { l.pop_back() };
        match v {
            Some(v) => out.push(v),
            None => break,
        }
    }
    ex.db(c).remove_if_empty(key);
    Ok(Some(out))
}

fn pop(ex: &mut Exec, c: &mut Client, argv: &[Bytes], left: bool) -> Reply {
    done((|| {
        let count = match argv.get(2) {
            None => None,
            Some(a) => {
                let n = int_arg(a)
                    .map_err(|_| Reply::error("ERR value is out of range, must be positive"))?;
                if n < 0 {
                    return Err(Reply::error("ERR value is out of range, must be positive"));
                }
                Some(n as usize)
            }
        };
        if argv.len() > 3 {
            return Err(Reply::error(err::SYNTAX));
        }
        let popped = pop_n(ex, c, arg(argv, 1), left, count.unwrap_or(1))?;
        Ok(match (popped, count) {
            (None, Some(_)) => Reply::NullArray,
            (None, None) => Reply::Null,
            (Some(v), Some(_)) => bulks(v),
            (Some(v), None) => v.into_iter().next().map_or(Reply::Null, Reply::Bulk),
        })
    })())
}

fn lpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    pop(ex, c, argv, true)
}

fn rpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    pop(ex, c, argv, false)
}

fn llen(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<List>(c, arg(argv, 1), false) {
        Ok(l) => Reply::Integer(l.map_or(0, |l| l.len() as i64)),
        Err(e) => e,
    }
}

fn lrange(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let start = int_arg(arg(argv, 2))?;
        let end = int_arg(arg(argv, 3))?;
        let Some(l) = ex.typed::<List>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Array(Vec::new()));
        };
        Ok(match resolve_range(start, end, l.len()) {
            Some((s, e)) => bulks(l.range(s..=e).cloned()),
            None => Reply::Array(Vec::new()),
        })
    })())
}

fn index_of(len: usize, i: i64) -> Option<usize> {
    let i = if i < 0 { len as i64 + i } else { i };
    (i >= 0 && (i as usize) < len).then_some(i as usize)
}

fn lindex(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let Some(l) = ex.typed::<List>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Null);
        };
        let i = int_arg(arg(argv, 2))?;
        Ok(index_of(l.len(), i)
            .and_then(|i| l.get(i))
            .cloned()
            .map_or(Reply::Null, Reply::Bulk))
    })())
}

fn lset(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let Some(l) = ex.typed::<List>(c, arg(argv, 1), false)? else {
            return Err(Reply::error(err::NO_KEY));
        };
        let i = int_arg(arg(argv, 2))?;
        let i = index_of(l.len(), i).ok_or_else(|| Reply::error(err::OUT_OF_RANGE))?;
        if let Some(slot) = l.get_mut(i) {
            *slot = arg(argv, 3).to_vec();
        }
        Ok(Reply::ok())
    })())
}

fn linsert(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let before = if is(arg(argv, 2), "before") {
        true
    } else if is(arg(argv, 2), "after") {
        false
    } else {
        return Reply::error(err::SYNTAX);
    };
    match ex.typed::<List>(c, arg(argv, 1), false) {
        Ok(Some(l)) => match l.iter().position(|v| v.as_slice() == arg(argv, 3)) {
            Some(p) => {
                l.insert(if before { p } else { p + 1 }, arg(argv, 4).to_vec());
                Reply::Integer(l.len() as i64)
            }
            None => Reply::Integer(-1),
        },
        Ok(None) => Reply::Integer(0),
        Err(e) => e,
    }
}

fn lrem(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    let r = done((|| {
        let count = int_arg(arg(argv, 2))?;
        let value = arg(argv, 3);
        let Some(l) = ex.typed::<List>(c, key, false)? else {
            return Ok(Reply::Integer(0));
        };
        let limit = if count == 0 {
            usize::MAX
        } else {
            count.unsigned_abs() as usize
        };
        let mut removed = 0;
        if count >= 0 {
            let mut i = 0;
            while i < l.len() && removed < limit {
                if l[i] == value {
                    l.remove(i);
                    removed += 1;
                } else {
                    i += 1;
                }
            }
        } else {
            let mut i = l.len();
            while i > 0 && removed < limit {
                i -= 1;
                if l[i] == value {
                    l.remove(i);
                    removed += 1;
                }
            }
        }
        Ok(Reply::Integer(removed as i64))
    })());
    ex.db(c).remove_if_empty(key);
    r
}

fn ltrim(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    let r = done((|| {
        let start = int_arg(arg(argv, 2))?;
        let end = int_arg(arg(argv, 3))?;
        let Some(l) = ex.typed::<List>(c, key, false)? else {
            return Ok(Reply::ok());
        };
        match resolve_range(start, end, l.len()) {
            Some((s, e)) => {
                l.truncate(e + 1);
                l.drain(..s);
            }
            None => l.clear(),
        }
        Ok(Reply::ok())
    })());
    ex.db(c).remove_if_empty(key);
    r
}

fn lpos(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let (mut rank, mut count, mut maxlen) = (1i64, None, 0usize);
        let mut i = 3;
        while i < argv.len() {
            let opt = arg(argv, i);
            let value = argv.get(i + 1).ok_or_else(|| Reply::error(err::SYNTAX))?;
            let parsed = crate::frame::parse_i64(value);
            let positive = |msg: &str| match parsed {
                Some(n) if n >= 0 => Ok(n),
                _ => Err(Reply::error(msg)),
            };
            if is(opt, "rank") {
                let n = parsed.ok_or_else(|| Reply::error(err::NOT_INT))?;
                if n == 0 {
                    return Err(Reply::error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"));
                }
                if n == i64::MIN {
                    return Err(Reply::error("ERR value is out of range"));
                }
                rank = n;
            } else if is(opt, "count") {
                count = Some(positive("ERR COUNT can't be negative")? as usize);
            } else if is(opt, "maxlen") {
                maxlen = positive("ERR MAXLEN can't be negative")? as usize;
            } else {
                return Err(Reply::error(err::SYNTAX));
            }
            i += 2;
        }
        let target = arg(argv, 2);
        let Some(l) = ex.typed::<List>(c, arg(argv, 1), false)? else {
            return Ok(if count.is_some() {
                Reply::Array(Vec::new())
            } else {
                Reply::Null
            });
        };
        let len = l.len();
        let scan = if maxlen == 0 { len } else { maxlen.min(len) };
        let want = match count {
            Some(0) => usize::MAX,
            Some(n) => n,
            None => 1,
        };
        let mut skip = rank.unsigned_abs() - 1;
        let mut found = Vec::new();
        for step in 0..scan {
            let idx = if rank > 0 { step } else { len - 1 - step };
            if l.get(idx).is_some_and(|v| v.as_slice() == target) {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                found.push(Reply::Integer(idx as i64));
                if found.len() >= want {
                    break;
                }
            }
        }
        Ok(match count {
            Some(_) => Reply::Array(found),
            None => found.into_iter().next().unwrap_or(Reply::Null),
        })
    })())
}

fn side(a: &[u8]) -> Result<bool, Reply> {
    if is(a, "left") {
        Ok(true)
    } else if is(a, "right") {
        Ok(false)
    } else {
        Err(Reply::error(err::SYNTAX))
    }
}

/// Moves one element between lists; `None` when the source is empty.
fn move_one(
    ex: &mut Exec,
    c: &Client,
    src: &[u8],
    dst: &[u8],
    from_left: bool,
    to_left: bool,
) -> Result<Option<Vec<u8>>, Reply> {
    if ex.typed::<List>(c, src, false)?.is_none() {
        return Ok(None);
    }
    ex.typed::<List>(c, dst, false)?;
    let Some(v) = pop_n(ex, c, src, from_left, 1)?.and_then(|v| v.into_iter().next()) else {
        return Ok(None);
    };
    if let Some(d) = ex.typed::<List>(c, dst, true)? {
        if to_left {
            d.push_front(v.clone());
        } else {
            d.push_back(v.clone());
        }
    }
    let db = c.db;
    ex.touch_key(db, dst);
    Ok(Some(v))
}

fn rpoplpush(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match move_one(ex, c, arg(argv, 1), arg(argv, 2), false, true) {
        Ok(v) => v.map_or(Reply::Null, Reply::Bulk),
        Err(e) => e,
    }
}

fn lmove(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let from = side(arg(argv, 3))?;
        let to = side(arg(argv, 4))?;
        Ok(move_one(ex, c, arg(argv, 1), arg(argv, 2), from, to)?.map_or(Reply::Null, Reply::Bulk))
    })())
}

/// Parses LMPOP-style arguments from `argv[at..]`: numkeys, keys, LEFT|RIGHT, [COUNT n].
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
    let left = side(arg(argv, i))?;
    i += 1;
    let mut count = 1;
    let mut count_seen = false;
    while i < argv.len() {
        if is(arg(argv, i), "count") && i + 1 < argv.len() && !count_seen {
            count = int_arg(arg(argv, i + 1))
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| Reply::error("ERR count should be greater than 0"))?
                as usize;
            count_seen = true;
            i += 2;
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
    }
    Ok((keys, left, count))
}

fn mpop_from(
    ex: &mut Exec,
    c: &Client,
    keys: &[Bytes],
    left: bool,
    count: usize,
) -> Result<Reply, Reply> {
    for key in keys {
        if let Some(v) = pop_n(ex, c, key, left, count)? {
            if !v.is_empty() {
                return Ok(Reply::Array(vec![Reply::Bulk(key.to_vec()), bulks(v)]));
            }
        }
    }
    Ok(Reply::NullArray)
}

fn lmpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let (keys, left, count) = mpop_args(argv, 1)?;
        mpop_from(ex, c, &keys, left, count)
    })())
}

/// Parses a blocking timeout in seconds into an absolute deadline (None: forever).
pub fn timeout_arg(ex: &Exec, a: &[u8]) -> Result<Option<i64>, Reply> {
    let secs = super::parse_float(a)
        .filter(|v| v.is_finite())
        .ok_or_else(|| Reply::error("ERR timeout is not a float or out of range"))?;
    if secs < 0.0 {
        return Err(Reply::error("ERR timeout is negative"));
    }
    let ms = (secs * 1000.0).round();
    if ms > 1e15 {
        return Err(Reply::error("ERR timeout is out of range"));
    }
    Ok((ms > 0.0).then(|| ex.now_ms + ms as i64))
}

/// Blocks the client on `keys` unless it may not block (MULTI, scripts), in which case
/// it answers `immediate` at once; `timeout_reply` is the answer when the wait ends.
pub fn block_or_answer(
    ex: &mut Exec,
    c: &mut Client,
    keys: Vec<Vec<u8>>,
    deadline: Option<i64>,
    argv: &[Bytes],
    immediate: Reply,
) -> Reply {
    if !c.may_block {
        return immediate;
    }
    // Every blocking command answers a null array when its wait times out.
    let timeout_reply = Reply::NullArray;
    ex.block(c, keys, deadline, argv.to_vec(), timeout_reply.clone());
    timeout_reply
}

fn bpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes], left: bool) -> Reply {
    done((|| {
        let deadline = timeout_arg(ex, arg(argv, argv.len() - 1))?;
        let keys = &argv[1..argv.len() - 1];
        for key in keys {
            if let Some(v) = pop_n(ex, c, key, left, 1)?.and_then(|v| v.into_iter().next()) {
                return Ok(Reply::Array(vec![
                    Reply::Bulk(key.to_vec()),
                    Reply::Bulk(v),
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

fn blpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    bpop(ex, c, argv, true)
}

fn brpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    bpop(ex, c, argv, false)
}

fn bmove(
    ex: &mut Exec,
    c: &mut Client,
    argv: &[Bytes],
    from: bool,
    to: bool,
    timeout_at: usize,
) -> Reply {
    done((|| {
        let deadline = timeout_arg(ex, arg(argv, timeout_at))?;
        let (src, dst) = (arg(argv, 1), arg(argv, 2));
        if let Some(v) = move_one(ex, c, src, dst, from, to)? {
            return Ok(Reply::Bulk(v));
        }
        Ok(block_or_answer(
            ex,
            c,
            vec![src.to_vec()],
            deadline,
            argv,
            Reply::Null,
        ))
    })())
}

fn blmove(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let from = match side(arg(argv, 3)) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let to = match side(arg(argv, 4)) {
        Ok(s) => s,
        Err(e) => return e,
    };
    bmove(ex, c, argv, from, to, 5)
}

fn brpoplpush(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    bmove(ex, c, argv, false, true, 3)
}

fn blmpop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let deadline = timeout_arg(ex, arg(argv, 1))?;
        let (keys, left, count) = mpop_args(argv, 2)?;
        let r = mpop_from(ex, c, &keys, left, count)?;
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
