//! Keyspace commands: DEL, EXISTS, TTLs, KEYS/SCAN, RENAME, databases, OBJECT.

use bytes::Bytes;

use super::{arg, done, int_arg, is};
use crate::client::Client;
use crate::command::Handler;
use crate::db::Value;
use crate::executor::{err, Exec};
use crate::frame::parse_i64;
use crate::glob::glob_match;
use crate::reply::Reply;

/// The keyspace handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("del", del),
    ("unlink", del),
    ("exists", exists),
    ("type", type_),
    ("expire", expire),
    ("pexpire", pexpire),
    ("expireat", expireat),
    ("pexpireat", pexpireat),
    ("ttl", ttl),
    ("pttl", pttl),
    ("expiretime", expiretime),
    ("pexpiretime", pexpiretime),
    ("persist", persist),
    ("keys", keys),
    ("scan", scan),
    ("rename", rename),
    ("renamenx", renamenx),
    ("randomkey", randomkey),
    ("dbsize", dbsize),
    ("flushdb", flushdb),
    ("flushall", flushall),
    ("select", select),
    ("swapdb", swapdb),
    ("move", move_),
    ("copy", copy),
    ("touch", touch),
    ("object", object),
];

fn del(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    let db = ex.db(c);
    let n = argv[1..]
        .iter()
        .filter(|k| db.remove(k, now).is_some())
        .count();
    Reply::Integer(n as i64)
}

fn exists(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    let db = ex.db(c);
    let n = argv[1..].iter().filter(|k| db.contains(k, now)).count();
    Reply::Integer(n as i64)
}

fn touch(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    let db = ex.db(c);
    let n = argv[1..]
        .iter()
        .filter(|k| db.lookup(k, now).is_some())
        .count();
    Reply::Integer(n as i64)
}

fn type_(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    Reply::status(
        ex.db(c)
            .get(arg(argv, 1), now)
            .map_or("none", |v| v.type_name()),
    )
}

/// The EXPIRE family: `unit_ms` scales the number, `absolute` for the *AT forms.
fn set_expiry(
    ex: &mut Exec,
    c: &mut Client,
    argv: &[Bytes],
    unit_ms: i64,
    absolute: bool,
    name: &str,
) -> Reply {
    done((|| {
        let key = arg(argv, 1);
        let n = int_arg(arg(argv, 2))?;
        let (mut nx, mut xx, mut gt, mut lt) = (false, false, false, false);
        for opt in &argv[3..] {
            if is(opt, "nx") {
                nx = true;
            } else if is(opt, "xx") {
                xx = true;
            } else if is(opt, "gt") {
                gt = true;
            } else if is(opt, "lt") {
                lt = true;
            } else {
                return Err(Reply::error(format!(
                    "ERR Unsupported option {}",
                    String::from_utf8_lossy(opt)
                )));
            }
        }
        if nx && (xx || gt || lt) {
            return Err(Reply::error(
                "ERR NX and XX, GT or LT options at the same time are not compatible",
            ));
        }
        if gt && lt {
            return Err(Reply::error(
                "ERR GT and LT options at the same time are not compatible",
            ));
        }
        let invalid = || Reply::error(format!("ERR invalid expire time in '{name}' command"));
        let ms = n.checked_mul(unit_ms).ok_or_else(invalid)?;
        let when = if absolute {
            ms
        } else {
            ms.checked_add(ex.now_ms).ok_or_else(invalid)?
        };
        let now = ex.now_ms;
        let db = ex.db(c);
        if !db.contains(key, now) {
            return Ok(Reply::Integer(0));
        }
        let current = db.expire_at(key);
        let allowed = match current {
            None => !xx && !gt,
            Some(cur) => !nx && (!gt || when > cur) && (!lt || when < cur),
        };
        if !allowed {
            return Ok(Reply::Integer(0));
        }
        if when <= now {
            db.remove(key, now);
        } else {
            db.set_expire(key, when);
        }
        Ok(Reply::Integer(1))
    })())
}

fn expire(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_expiry(ex, c, argv, 1000, false, "expire")
}

fn pexpire(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_expiry(ex, c, argv, 1, false, "pexpire")
}

fn expireat(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_expiry(ex, c, argv, 1000, true, "expireat")
}

fn pexpireat(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    set_expiry(ex, c, argv, 1, true, "pexpireat")
}

/// TTL-like queries: -2 when missing, -1 without TTL, else `f(expire_at, now)`.
fn ttl_query(ex: &mut Exec, c: &mut Client, key: &[u8], f: impl Fn(i64, i64) -> i64) -> Reply {
    let now = ex.now_ms;
    let db = ex.db(c);
    if !db.contains(key, now) {
        return Reply::Integer(-2);
    }
    match db.expire_at(key) {
        None => Reply::Integer(-1),
        Some(when) => Reply::Integer(f(when, now)),
    }
}

fn ttl(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    ttl_query(ex, c, arg(argv, 1), |w, n| ((w - n).max(0) + 500) / 1000)
}

fn pttl(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    ttl_query(ex, c, arg(argv, 1), |w, n| (w - n).max(0))
}

fn expiretime(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    ttl_query(ex, c, arg(argv, 1), |w, _| (w + 500) / 1000)
}

fn pexpiretime(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    ttl_query(ex, c, arg(argv, 1), |w, _| w)
}

fn persist(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    let db = ex.db(c);
    let key = arg(argv, 1);
    Reply::Integer(i64::from(db.contains(key, now) && db.persist(key)))
}

fn keys(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    let pattern = arg(argv, 1);
    let db = ex.db(c);
    let all = pattern == b"*";
    let found: Vec<Reply> = db
        .keys()
        .filter(|k| !db.is_expired(k, now) && (all || glob_match(pattern, k, false)))
        .map(|k| Reply::Bulk(k.to_vec()))
        .collect();
    Reply::Array(found)
}

/// Options shared by the SCAN family: MATCH, COUNT and (for SCAN) TYPE.
pub struct ScanOptions {
    /// MATCH pattern.
    pub pattern: Option<Vec<u8>>,
    /// COUNT hint.
    pub count: usize,
    /// TYPE filter.
    pub type_name: Option<String>,
}

/// Parses a cursor and the options from `argv[first..]`.
pub fn scan_options(
    argv: &[Bytes],
    cursor_at: usize,
    allow_type: bool,
) -> Result<(usize, ScanOptions), Reply> {
    let cursor = std::str::from_utf8(arg(argv, cursor_at))
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .ok_or_else(|| Reply::error("ERR invalid cursor"))?;
    let mut opts = ScanOptions {
        pattern: None,
        count: 10,
        type_name: None,
    };
    let mut i = cursor_at + 1;
    while i < argv.len() {
        let a = arg(argv, i);
        let value = argv.get(i + 1).ok_or_else(|| Reply::error(err::SYNTAX))?;
        if is(a, "count") {
            let n = int_arg(value)?;
            if n < 1 {
                return Err(Reply::error(err::SYNTAX));
            }
            opts.count = n as usize;
        } else if is(a, "match") {
            opts.pattern = Some(value.to_vec());
        } else if is(a, "type") && allow_type {
            opts.type_name = Some(String::from_utf8_lossy(value).to_ascii_lowercase());
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
        i += 2;
    }
    Ok((usize::try_from(cursor).unwrap_or(usize::MAX), opts))
}

/// The `[cursor, [items]]` reply of the SCAN family.
pub fn scan_reply(next: usize, items: Vec<Reply>) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(next.to_string().into_bytes()),
        Reply::Array(items),
    ])
}

fn scan(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let (cursor, opts) = match scan_options(argv, 1, true) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let now = ex.now_ms;
    let db = ex.db(c);
    let mut items = Vec::new();
    let mut pos = scan_start(cursor, db.len());
    let mut visited = 0;
    while pos > 0 && visited < opts.count {
        pos -= 1;
        visited += 1;
        let Some((key, entry)) = db.key_at(pos) else {
            continue;
        };
        if db.is_expired(key, now) {
            continue;
        }
        if opts
            .pattern
            .as_ref()
            .is_some_and(|p| !glob_match(p, key, false))
        {
            continue;
        }
        if opts
            .type_name
            .as_ref()
            .is_some_and(|t| t != entry.value.type_name())
        {
            continue;
        }
        items.push(Reply::Bulk(key.to_vec()));
    }
    scan_reply(pos, items)
}

/// Where a scan resumes, for tables that delete by moving the last element into the
/// hole: scanning from the end down to 0 means a move only ever brings an element from
/// the visited part into the unvisited part, so every element present during the whole
/// scan is returned at least once. Cursor 0 starts at the end; the next cursor is the
/// lower bound reached (0 when done). Returns the end of the unvisited part.
pub fn scan_start(cursor: usize, len: usize) -> usize {
    if cursor == 0 {
        len
    } else {
        cursor.min(len)
    }
}

fn do_rename(ex: &mut Exec, c: &mut Client, argv: &[Bytes], nx: bool) -> Reply {
    let (src, dst) = (arg(argv, 1), arg(argv, 2));
    let now = ex.now_ms;
    let db = ex.db(c);
    if !db.contains(src, now) {
        return Reply::error(err::NO_KEY);
    }
    if src == dst {
        return if nx { Reply::Integer(0) } else { Reply::ok() };
    }
    if nx && db.contains(dst, now) {
        return Reply::Integer(0);
    }
    let ttl = db.expire_at(src);
    let Some(value) = db.remove(src, now) else {
        return Reply::error(err::NO_KEY);
    };
    db.set(dst.to_vec(), value, now);
    if let Some(when) = ttl {
        db.set_expire(dst, when);
    }
    let db_index = c.db;
    ex.touch_key(db_index, src);
    if nx {
        Reply::Integer(1)
    } else {
        Reply::ok()
    }
}

fn rename(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    do_rename(ex, c, argv, false)
}

fn renamenx(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    do_rename(ex, c, argv, true)
}

fn randomkey(ex: &mut Exec, c: &mut Client, _argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    for _ in 0..100 {
        let n = ex.db(c).len();
        if n == 0 {
            return Reply::Null;
        }
        let i = ex.rng.below(n);
        let db = ex.db(c);
        let Some(key) = db.key_at(i).map(|(k, _)| k.to_vec()) else {
            return Reply::Null;
        };
        if db.contains(&key, now) {
            return Reply::Bulk(key);
        }
    }
    Reply::Null
}

fn dbsize(ex: &mut Exec, c: &mut Client, _argv: &[Bytes]) -> Reply {
    Reply::Integer(ex.db(c).len() as i64)
}

fn flush_option(argv: &[Bytes]) -> Result<(), Reply> {
    match argv.get(1) {
        None => Ok(()),
        Some(a) if argv.len() == 2 && (is(a, "async") || is(a, "sync")) => Ok(()),
        Some(_) => Err(Reply::error(err::SYNTAX)),
    }
}

fn flushdb(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    if let Err(e) = flush_option(argv) {
        return e;
    }
    let db = c.db;
    ex.touch_db(db, None);
    ex.db(c).clear();
    Reply::ok()
}

fn flushall(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    if let Err(e) = flush_option(argv) {
        return e;
    }
    for i in 0..ex.dbs.len() {
        ex.touch_db(i, None);
        ex.dbs[i].clear();
    }
    Reply::ok()
}

/// Parses a database index argument.
fn db_index(ex: &Exec, a: &[u8]) -> Result<usize, Reply> {
    let n = parse_i64(a).ok_or_else(|| Reply::error(err::NOT_INT))?;
    if n < 0 || n as usize >= ex.dbs.len() {
        return Err(Reply::error("ERR DB index is out of range"));
    }
    Ok(n as usize)
}

fn select(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match db_index(ex, arg(argv, 1)) {
        Ok(i) => {
            c.db = i;
            Reply::ok()
        }
        Err(e) => e,
    }
}

fn swapdb(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    let a = match parse_i64(arg(argv, 1)) {
        Some(n) => n,
        None => return Reply::error("ERR invalid first DB index"),
    };
    let b = match parse_i64(arg(argv, 2)) {
        Some(n) => n,
        None => return Reply::error("ERR invalid second DB index"),
    };
    let n = ex.dbs.len() as i64;
    if a < 0 || a >= n || b < 0 || b >= n {
        return Reply::error("ERR DB index is out of range");
    }
    let (a, b) = (a as usize, b as usize);
    if a != b {
        ex.touch_db(a, Some(b));
        ex.touch_db(b, Some(a));
        ex.dbs.swap(a, b);
    }
    Reply::ok()
}

fn move_(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    let target = match db_index(ex, arg(argv, 2)) {
        Ok(i) => i,
        Err(e) => return e,
    };
    if target == c.db {
        return Reply::error("ERR source and destination objects are the same");
    }
    let now = ex.now_ms;
    if !ex.dbs[c.db].contains(key, now) || ex.dbs[target].contains(key, now) {
        return Reply::Integer(0);
    }
    let ttl = ex.dbs[c.db].expire_at(key);
    let Some(value) = ex.dbs[c.db].remove(key, now) else {
        return Reply::Integer(0);
    };
    ex.dbs[target].set(key, value, now);
    if let Some(when) = ttl {
        ex.dbs[target].set_expire(key, when);
    }
    ex.touch_key(target, key);
    Reply::Integer(1)
}

fn copy(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let (src, dst) = (arg(argv, 1), arg(argv, 2));
    let mut target = c.db;
    let mut replace = false;
    let mut i = 3;
    while i < argv.len() {
        let a = arg(argv, i);
        if is(a, "replace") {
            replace = true;
        } else if is(a, "db") && i + 1 < argv.len() {
            target = match db_index(ex, arg(argv, i + 1)) {
                Ok(t) => t,
                Err(e) => return e,
            };
            i += 1;
        } else {
            return Reply::error(err::SYNTAX);
        }
        i += 1;
    }
    if src == dst && target == c.db {
        return Reply::error("ERR source and destination objects are the same");
    }
    let now = ex.now_ms;
    let Some(value) = ex.dbs[c.db].get(src, now).cloned() else {
        return Reply::Integer(0);
    };
    let ttl = ex.dbs[c.db].expire_at(src);
    if ex.dbs[target].contains(dst, now) {
        if !replace {
            return Reply::Integer(0);
        }
        ex.dbs[target].remove(dst, now);
    }
    ex.dbs[target].set(dst.to_vec(), value, now);
    if let Some(when) = ttl {
        ex.dbs[target].set_expire(dst, when);
    }
    ex.touch_key(target, dst);
    Reply::Integer(1)
}

fn object(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = arg(argv, 1);
    if is(sub, "help") {
        return super::bulks([
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help.",
        ]);
    }
    let now = ex.now_ms;
    let Some(entry) = ex.db(c).peek(arg(argv, 2), now) else {
        return Reply::Null;
    };
    if is(sub, "encoding") {
        Reply::bulk(entry.encoding())
    } else if is(sub, "refcount") {
        let shared_int = matches!(&entry.value, Value::Str(s) if parse_i64(s).is_some_and(|n| (0..10000).contains(&n)));
        Reply::Integer(if shared_int { i64::from(i32::MAX) } else { 1 })
    } else if is(sub, "idletime") {
        Reply::Integer(entry.idle_ms(now) / 1000)
    } else if is(sub, "freq") {
        Reply::error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
    } else {
        Reply::error(format!(
            "ERR unknown subcommand '{}'. Try OBJECT HELP.",
            String::from_utf8_lossy(sub)
        ))
    }
}
