//! String commands: GET, SET and friends, counters, ranges.

use bytes::Bytes;

use super::{arg, done, int_arg, is};
use crate::client::Client;
use crate::command::Handler;
use crate::compact::CompactBytes;
use crate::db::{StringEncoding, Value};
use crate::executor::{err, Exec};
use crate::frame::parse_i64;
use crate::reply::Reply;

/// The string handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("get", get),
    ("set", set),
    ("setnx", setnx),
    ("setex", setex),
    ("psetex", psetex),
    ("getset", getset),
    ("getdel", getdel),
    ("getex", getex),
    ("mget", mget),
    ("mset", mset),
    ("msetnx", msetnx),
    ("incr", incr),
    ("decr", decr),
    ("incrby", incrby),
    ("decrby", decrby),
    ("incrbyfloat", incrbyfloat),
    ("append", append),
    ("strlen", strlen),
    ("getrange", getrange),
    ("substr", getrange),
    ("setrange", setrange),
    ("lcs", lcs),
];

/// Largest string a command may build (`proto-max-bulk-len`).
const MAX_STRING: usize = 512 * 1024 * 1024;

/// The string at `key`: `Ok(None)` when missing, WRONGTYPE for other types.
pub fn get_string(ex: &mut Exec, c: &Client, key: &[u8]) -> Result<Option<Vec<u8>>, Reply> {
    // Read in place: a string stays in the compact form it was stored in.
    let now = ex.now_ms;
    let found = match ex.db(c).get(key, now) {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.as_slice().to_vec())),
        Some(_) => Err(Reply::error(err::WRONGTYPE)),
    };
    match &found {
        Ok(Some(_)) => ex.stats.keyspace_hits += 1,
        Ok(None) => ex.stats.keyspace_misses += 1,
        Err(_) => {}
    }
    found
}

fn get(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match get_string(ex, c, arg(argv, 1)) {
        Ok(Some(s)) => Reply::Bulk(s),
        Ok(None) => Reply::Null,
        Err(e) => e,
    }
}

/// How a command sets a key's TTL.
#[derive(Clone, Copy, PartialEq)]
enum Ttl {
    Drop,
    Keep,
    At(i64),
    Persist,
}

/// Parses `EX|PX|EXAT|PXAT n` at `argv[i]`; returns the absolute time in ms.
fn expire_option(ex: &Exec, argv: &[Bytes], i: usize, command: &str) -> Result<Option<i64>, Reply> {
    let word = arg(argv, i);
    let (seconds, absolute) = if is(word, "ex") {
        (true, false)
    } else if is(word, "px") {
        (false, false)
    } else if is(word, "exat") {
        (true, true)
    } else if is(word, "pxat") {
        (false, true)
    } else {
        return Ok(None);
    };
    let n = int_arg(argv.get(i + 1).ok_or_else(|| Reply::error(err::SYNTAX))?)?;
    let invalid = || Reply::error(format!("ERR invalid expire time in '{command}' command"));
    if n <= 0 {
        return Err(invalid());
    }
    let ms = if seconds {
        n.checked_mul(1000).ok_or_else(invalid)?
    } else {
        n
    };
    let when = if absolute {
        ms
    } else {
        ms.checked_add(ex.now_ms).ok_or_else(invalid)?
    };
    Ok(Some(when))
}

fn set(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let (mut nx, mut xx, mut want_get) = (false, false, false);
    let mut ttl = Ttl::Drop;
    // Which expiry option was given: the same one may repeat, two different may not.
    let mut expire_kind: Option<String> = None;
    let mut i = 3;
    while i < argv.len() {
        let a = arg(argv, i);
        let lower = String::from_utf8_lossy(a).to_ascii_lowercase();
        let has_next = i + 1 < argv.len();
        let same_or_none = |k: &Option<String>| k.as_ref().is_none_or(|k| *k == lower);
        if lower == "nx" && !xx {
            nx = true;
        } else if lower == "xx" && !nx {
            xx = true;
        } else if lower == "get" {
            want_get = true;
        } else if lower == "keepttl" && same_or_none(&expire_kind) {
            ttl = Ttl::Keep;
            expire_kind = Some(lower);
        } else if matches!(lower.as_str(), "ex" | "px" | "exat" | "pxat")
            && same_or_none(&expire_kind)
            && has_next
        {
            match expire_option(ex, argv, i, "set") {
                Ok(Some(when)) => ttl = Ttl::At(when),
                Ok(None) => return Reply::error(err::SYNTAX),
                Err(e) => return e,
            }
            expire_kind = Some(lower);
            i += 1;
        } else {
            return Reply::error(err::SYNTAX);
        }
        i += 1;
    }
    let key = arg(argv, 1);
    let old = if want_get {
        match get_string(ex, c, key) {
            Ok(v) => v,
            Err(e) => return e,
        }
    } else {
        None
    };
    let now = ex.now_ms;
    let exists = ex.db(c).contains(key, now);
    if (nx && exists) || (xx && !exists) {
        return if want_get {
            old.map_or(Reply::Null, Reply::Bulk)
        } else {
            Reply::Null
        };
    }
    let value = Value::Str(arg(argv, 2).into());
    let db = ex.db(c);
    match ttl {
        Ttl::Keep => db.set_keep_ttl(key, value, now),
        _ => db.set(key, value, now),
    }
    if let Ttl::At(when) = ttl {
        db.set_expire(key, when);
        if when <= now {
            db.remove(key, now);
        }
    }
    if want_get {
        old.map_or(Reply::Null, Reply::Bulk)
    } else {
        Reply::ok()
    }
}

fn setnx(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    let db = ex.db(c);
    if db.contains(arg(argv, 1), now) {
        return Reply::Integer(0);
    }
    db.set(arg(argv, 1).to_vec(), Value::Str(arg(argv, 2).into()), now);
    Reply::Integer(1)
}

fn set_with_ttl(ex: &mut Exec, c: &mut Client, argv: &[Bytes], unit_ms: i64, name: &str) -> Reply {
    let n = match int_arg(arg(argv, 2)) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let invalid = Reply::error(format!("ERR invalid expire time in '{name}' command"));
    if n <= 0 {
        return invalid;
    }
    let Some(when) = n
        .checked_mul(unit_ms)
        .and_then(|ms| ms.checked_add(ex.now_ms))
    else {
        return invalid;
    };
    let now = ex.now_ms;
    let db = ex.db(c);
    db.set(arg(argv, 1).to_vec(), Value::Str(arg(argv, 3).into()), now);
    db.set_expire(arg(argv, 1), when);
    Reply::ok()
}

fn setex(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_with_ttl(ex, c, argv, 1000, "setex")
}

fn psetex(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_with_ttl(ex, c, argv, 1, "psetex")
}

fn getset(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let old = match get_string(ex, c, arg(argv, 1)) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let now = ex.now_ms;
    ex.db(c)
        .set(arg(argv, 1).to_vec(), Value::Str(arg(argv, 2).into()), now);
    old.map_or(Reply::Null, Reply::Bulk)
}

fn getdel(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match get_string(ex, c, arg(argv, 1)) {
        Ok(Some(v)) => {
            let now = ex.now_ms;
            ex.db(c).remove(arg(argv, 1), now);
            Reply::Bulk(v)
        }
        Ok(None) => Reply::Null,
        Err(e) => e,
    }
}

fn getex(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let mut persist = false;
    // Position of the EX/PX/EXAT/PXAT option, read once the key is known to exist.
    let mut expire_at: Option<usize> = None;
    let mut kind: Option<String> = None;
    let mut i = 2;
    while i < argv.len() {
        let lower = String::from_utf8_lossy(arg(argv, i)).to_ascii_lowercase();
        let same_or_none = kind.as_ref().is_none_or(|k| *k == lower);
        if lower == "persist" && same_or_none {
            persist = true;
        } else if matches!(lower.as_str(), "ex" | "px" | "exat" | "pxat")
            && same_or_none
            && i + 1 < argv.len()
        {
            expire_at = Some(i);
            i += 1;
        } else {
            return Reply::error(err::SYNTAX);
        }
        kind = Some(lower);
        i += 1;
    }
    let key = arg(argv, 1);
    let value = match get_string(ex, c, key) {
        Ok(Some(v)) => v,
        Ok(None) => return Reply::Null,
        Err(e) => return e,
    };
    let ttl = match expire_at {
        Some(at) => match expire_option(ex, argv, at, "getex") {
            Ok(Some(when)) => Some(Ttl::At(when)),
            Ok(None) => return Reply::error(err::SYNTAX),
            Err(e) => return e,
        },
        None if persist => Some(Ttl::Persist),
        None => None,
    };
    let now = ex.now_ms;
    let db = ex.db(c);
    match ttl {
        Some(Ttl::At(when)) if when <= now => {
            db.remove(key, now);
        }
        Some(Ttl::At(when)) => db.set_expire(key, when),
        Some(Ttl::Persist) => {
            db.persist(key);
        }
        _ => {}
    }
    Reply::Bulk(value)
}

fn mget(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    let db = ex.db(c);
    Reply::Array(
        argv[1..]
            .iter()
            .map(|k| match db.get(k, now) {
                Some(Value::Str(s)) => Reply::Bulk(s.to_vec()),
                _ => Reply::Null,
            })
            .collect(),
    )
}

fn mset(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    if argv.len().is_multiple_of(2) {
        return Reply::error("ERR wrong number of arguments for 'mset' command");
    }
    let now = ex.now_ms;
    let db = ex.db(c);
    for pair in argv[1..].chunks_exact(2) {
        db.set(&pair[0][..], Value::Str(pair[1][..].into()), now);
    }
    Reply::ok()
}

fn msetnx(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    if argv.len().is_multiple_of(2) {
        return Reply::error("ERR wrong number of arguments for 'msetnx' command");
    }
    let now = ex.now_ms;
    let db = ex.db(c);
    if argv[1..].chunks_exact(2).any(|p| db.contains(&p[0], now)) {
        return Reply::Integer(0);
    }
    for pair in argv[1..].chunks_exact(2) {
        db.set(&pair[0][..], Value::Str(pair[1][..].into()), now);
    }
    Reply::Integer(1)
}

/// Adds `by` to the integer at `key`, keeping its TTL.
fn incr_by(ex: &mut Exec, c: &mut Client, key: &[u8], by: i64) -> Reply {
    let now = ex.now_ms;
    let db = ex.db(c);
    let entry = db.lookup(key, now);
    let current = match entry.as_ref().map(|e| &e.value) {
        None => 0,
        Some(Value::Str(s)) => match parse_i64(s) {
            Some(n) => n,
            None => return Reply::error(err::NOT_INT),
        },
        Some(_) => return Reply::error(err::WRONGTYPE),
    };
    let Some(value) = current.checked_add(by) else {
        return Reply::error("ERR increment or decrement would overflow");
    };
    match entry {
        // The common case, a counter that exists: rewritten in place, no allocation.
        Some(e) => {
            e.value = Value::Str(CompactBytes::from_i64(value));
            e.set_string_encoding(StringEncoding::Auto);
        }
        None => db.set(key, Value::Str(CompactBytes::from_i64(value)), now),
    }
    Reply::Integer(value)
}

fn incr(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    incr_by(ex, c, arg(argv, 1), 1)
}

fn decr(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    incr_by(ex, c, arg(argv, 1), -1)
}

fn incrby(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match int_arg(arg(argv, 2)) {
        Ok(by) => incr_by(ex, c, arg(argv, 1), by),
        Err(e) => e,
    }
}

fn decrby(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match int_arg(arg(argv, 2)) {
        Ok(i64::MIN) => Reply::error("ERR decrement would overflow"),
        Ok(by) => incr_by(ex, c, arg(argv, 1), -by),
        Err(e) => e,
    }
}

fn incrbyfloat(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    done((|| {
        let current = get_string(ex, c, key)?;
        let value = crate::float::incr_by_float(current.as_deref(), arg(argv, 2))?;
        let now = ex.now_ms;
        let encoding = if value.len() <= 44 {
            StringEncoding::Embstr
        } else {
            StringEncoding::Raw
        };
        let db = ex.db(c);
        db.set_keep_ttl(key, Value::Str(value.as_slice().into()), now);
        db.set_string_encoding(key, encoding);
        Ok(Reply::Bulk(value))
    })())
}

fn append(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    let extra = arg(argv, 2);
    let now = ex.now_ms;
    match ex.db(c).get(key, now) {
        Some(Value::Str(s)) => {
            if s.len() + extra.len() > MAX_STRING {
                return Reply::error(
                    "ERR string exceeds maximum allowed size (proto-max-bulk-len)",
                );
            }
            s.as_vec_mut().extend_from_slice(extra);
            let len = s.len() as i64;
            ex.db(c).set_string_encoding(key, StringEncoding::Raw);
            Reply::Integer(len)
        }
        Some(_) => Reply::error(err::WRONGTYPE),
        None => {
            ex.db(c).set(key, Value::Str(extra.into()), now);
            Reply::Integer(extra.len() as i64)
        }
    }
}

fn strlen(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match get_string(ex, c, arg(argv, 1)) {
        Ok(s) => Reply::Integer(s.map_or(0, |s| s.len() as i64)),
        Err(e) => e,
    }
}

fn getrange(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let start = int_arg(arg(argv, 2))?;
        let end = int_arg(arg(argv, 3))?;
        let s = get_string(ex, c, arg(argv, 1))?.unwrap_or_default();
        let len = s.len() as i64;
        if start < 0 && end < 0 && start > end {
            return Ok(Reply::bulk(""));
        }
        let mut start = if start < 0 { len + start } else { start };
        let mut end = if end < 0 { len + end } else { end };
        start = start.max(0);
        end = end.max(0);
        if end >= len {
            end = len - 1;
        }
        if start > end || len == 0 {
            return Ok(Reply::bulk(""));
        }
        Ok(Reply::Bulk(s[start as usize..=end as usize].to_vec()))
    })())
}

fn setrange(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let key = arg(argv, 1);
        let offset = int_arg(arg(argv, 2))?;
        let value = arg(argv, 3);
        if offset < 0 {
            return Err(Reply::error("ERR offset is out of range"));
        }
        let offset = offset as usize;
        let current = get_string(ex, c, key)?;
        if value.is_empty() {
            return Ok(Reply::Integer(current.map_or(0, |s| s.len() as i64)));
        }
        if offset + value.len() > MAX_STRING {
            return Err(Reply::error(
                "ERR string exceeds maximum allowed size (proto-max-bulk-len)",
            ));
        }
        let mut s = current.unwrap_or_default();
        if s.len() < offset + value.len() {
            s.resize(offset + value.len(), 0);
        }
        s[offset..offset + value.len()].copy_from_slice(value);
        let len = s.len() as i64;
        let now = ex.now_ms;
        let db = ex.db(c);
        db.set_keep_ttl(key, Value::Str(s.into()), now);
        db.set_string_encoding(key, StringEncoding::Raw);
        Ok(Reply::Integer(len))
    })())
}

/// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN], with Redis's dynamic
/// programming table and its backtracking order, so the matches come out as Redis lists
/// them (from the end of the strings).
fn lcs(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let not_strings = |_| Reply::error("ERR The specified keys must contain string values");
        let a = get_string(ex, c, arg(argv, 1)).map_err(not_strings)?;
        let b = get_string(ex, c, arg(argv, 2)).map_err(not_strings)?;
        let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
        let (mut get_idx, mut get_len, mut with_match_len) = (false, false, false);
        let mut min_match_len = 0usize;
        let mut i = 3;
        while i < argv.len() {
            let opt = arg(argv, i);
            if is(opt, "idx") {
                get_idx = true;
            } else if is(opt, "len") {
                get_len = true;
            } else if is(opt, "withmatchlen") {
                with_match_len = true;
            } else if is(opt, "minmatchlen") && i + 1 < argv.len() {
                min_match_len = int_arg(arg(argv, i + 1))?.max(0) as usize;
                i += 1;
            } else {
                return Err(Reply::error(err::SYNTAX));
            }
            i += 1;
        }
        if get_idx && get_len {
            return Err(Reply::error(
                "ERR If you want both the length and indexes, please just use IDX.",
            ));
        }
        let (alen, blen) = (a.len(), b.len());
        let width = blen + 1;
        let cells = (alen + 1).checked_mul(width);
        if cells.is_none_or(|n| n.saturating_mul(4) > MAX_STRING) {
            return Err(Reply::error(
                "ERR Insufficient memory, failed allocating transient memory for LCS",
            ));
        }
        let mut table = vec![0u32; cells.unwrap_or(0)];
        for i in 1..=alen {
            for j in 1..=blen {
                table[i * width + j] = if a[i - 1] == b[j - 1] {
                    table[(i - 1) * width + j - 1] + 1
                } else {
                    table[(i - 1) * width + j].max(table[i * width + j - 1])
                };
            }
        }
        let total = table[alen * width + blen] as usize;
        if get_len {
            return Ok(Reply::Integer(total as i64));
        }
        let mut result = vec![0u8; total];
        let mut matches = Vec::new();
        let (mut i, mut j, mut idx) = (alen, blen, total);
        // `a_start == alen` means no range is open.
        let (mut a_start, mut a_end, mut b_start, mut b_end) = (alen, 0, 0, 0);
        while i > 0 && j > 0 {
            let mut emit = false;
            if a[i - 1] == b[j - 1] {
                result[idx - 1] = a[i - 1];
                if a_start == alen {
                    (a_start, a_end, b_start, b_end) = (i - 1, i - 1, j - 1, j - 1);
                } else if a_start == i && b_start == j {
                    a_start -= 1;
                    b_start -= 1;
                } else {
                    emit = true;
                }
                emit |= a_start == 0 || b_start == 0;
                idx -= 1;
                i -= 1;
                j -= 1;
            } else {
                if table[(i - 1) * width + j] > table[i * width + j - 1] {
                    i -= 1;
                } else {
                    j -= 1;
                }
                emit = a_start != alen;
            }
            if emit {
                let match_len = a_end - a_start + 1;
                if get_idx && match_len >= min_match_len {
                    let mut m = vec![
                        Reply::Array(vec![
                            Reply::Integer(a_start as i64),
                            Reply::Integer(a_end as i64),
                        ]),
                        Reply::Array(vec![
                            Reply::Integer(b_start as i64),
                            Reply::Integer(b_end as i64),
                        ]),
                    ];
                    if with_match_len {
                        m.push(Reply::Integer(match_len as i64));
                    }
                    matches.push(Reply::Array(m));
                }
                a_start = alen;
            }
        }
        Ok(if get_idx {
            Reply::Map(vec![
                (Reply::bulk("matches"), Reply::Array(matches)),
                (Reply::bulk("len"), Reply::Integer(total as i64)),
            ])
        } else {
            Reply::Bulk(result)
        })
    })())
}
