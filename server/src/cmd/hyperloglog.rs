//! HyperLogLog commands: PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST. The sketches
//! are strings in Redis's representation ([`crate::hyperloglog`]).

use bytes::Bytes;

use super::bitmaps::lookup_read;
use super::{arg, is};
use crate::client::Client;
use crate::command::Handler;
use crate::db::{StringEncoding, Value};
use crate::executor::{err, Exec};
use crate::hyperloglog::{self as hll, Corrupted, REGISTERS};
use crate::reply::Reply;

/// The HyperLogLog handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("pfadd", pfadd),
    ("pfcount", pfcount),
    ("pfmerge", pfmerge),
    ("pfdebug", pfdebug),
    ("pfselftest", pfselftest),
];

/// A string that is not a sketch.
const NOT_HLL: &str = "WRONGTYPE Key is not a valid HyperLogLog string value.";
/// A sketch whose registers do not add up.
const CORRUPTED: &str = "INVALIDOBJ Corrupted HLL object detected";

fn corrupted(_: Corrupted) -> Reply {
    Reply::error(CORRUPTED)
}

/// How a command looks a key up: reads count keyspace hits and misses.
#[derive(Clone, Copy, PartialEq)]
enum Lookup {
    Read,
    Write,
}

/// The sketch at `key`: `Ok(None)` when missing, WRONGTYPE for another type or a string
/// that is not a sketch. A sketch a command touches becomes a `raw` string, as Redis
/// unshares it.
fn sketch<'a>(
    ex: &'a mut Exec,
    c: &Client,
    key: &[u8],
    lookup: Lookup,
) -> Result<Option<&'a mut Vec<u8>>, Reply> {
    let found = match lookup {
        Lookup::Read => lookup_read(ex, c, key),
        Lookup::Write => {
            let now = ex.now_ms;
            ex.db(c).lookup(key, now)
        }
    };
    let Some(entry) = found else {
        return Ok(None);
    };
    match &entry.value {
        Value::Str(s) if hll::is_valid(s) => {}
        Value::Str(_) => return Err(Reply::error(NOT_HLL)),
        _ => return Err(Reply::error(err::WRONGTYPE)),
    }
    entry.set_string_encoding(StringEncoding::Raw);
    match &mut entry.value {
        Value::Str(s) => Ok(Some(s.as_vec_mut())),
        _ => Err(Reply::error(err::WRONGTYPE)),
    }
}

/// The sketch at `key` for a write, created empty when missing; also tells whether it
/// was created.
fn sketch_or_new<'a>(
    ex: &'a mut Exec,
    c: &Client,
    key: &[u8],
) -> Result<(&'a mut Vec<u8>, bool), Reply> {
    let created = sketch(ex, c, key, Lookup::Write)?.is_none();
    if created {
        let now = ex.now_ms;
        ex.db(c).set(key, Value::Str(hll::new_sketch().into()), now);
    }
    match sketch(ex, c, key, Lookup::Write)? {
        Some(s) => Ok((s, created)),
        None => Err(Reply::error(err::WRONGTYPE)),
    }
}

fn sparse_max(ex: &Exec) -> usize {
    usize::try_from(ex.config.hll_sparse_max_bytes).unwrap_or(usize::MAX)
}

fn pfadd(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let max_bytes = sparse_max(ex);
    let (s, mut updated) = match sketch_or_new(ex, c, arg(argv, 1)) {
        Ok(found) => found,
        Err(e) => return e,
    };
    for element in argv.iter().skip(2) {
        match hll::add(s, element, max_bytes) {
            Ok(changed) => updated |= changed,
            // Registers already raised stay raised, as in Redis.
            Err(e) => return corrupted(e),
        }
    }
    if updated {
        hll::invalidate_cache(s);
    }
    Reply::Integer(i64::from(updated))
}

fn pfcount(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    if argv.len() > 2 {
        // The union of several sketches, merged into plain registers.
        let mut max = Box::new([0u8; REGISTERS]);
        for key in &argv[1..] {
            match sketch(ex, c, key, Lookup::Read) {
                Ok(Some(s)) => {
                    if let Err(e) = hll::merge_into(&mut max, s) {
                        return corrupted(e);
                    }
                }
                Ok(None) => {}
                Err(e) => return e,
            }
        }
        return Reply::Integer(hll::count_registers(&max) as i64);
    }
    let key = arg(argv, 1);
    let s = match sketch(ex, c, key, Lookup::Read) {
        Ok(Some(s)) => s,
        Ok(None) => return Reply::Integer(0),
        Err(e) => return e,
    };
    if let Some(count) = hll::cached_count(s) {
        return Reply::Integer(count as i64);
    }
    let count = match hll::count(s) {
        Ok(n) => n,
        Err(e) => return corrupted(e),
    };
    hll::set_cached_count(s, count);
    // Caching the count writes the value, so WATCH sees it, as in Redis.
    ex.touch_key(c.db, key);
    ex.stats.dirty += 1;
    Reply::Integer(count as i64)
}

fn pfmerge(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let max_bytes = sparse_max(ex);
    let mut max = Box::new([0u8; REGISTERS]);
    let mut use_dense = false;
    // The destination is a source too.
    for key in &argv[1..] {
        match sketch(ex, c, key, Lookup::Read) {
            Ok(Some(s)) => {
                use_dense |= !hll::is_sparse(s);
                if let Err(e) = hll::merge_into(&mut max, s) {
                    return corrupted(e);
                }
            }
            Ok(None) => {}
            Err(e) => return e,
        }
    }
    let s = match sketch_or_new(ex, c, arg(argv, 1)) {
        Ok((s, _)) => s,
        Err(e) => return e,
    };
    if use_dense {
        if let Err(e) = hll::to_dense(s) {
            return corrupted(e);
        }
    }
    for (index, &count) in max.iter().enumerate() {
        if count != 0 {
            if let Err(e) = hll::raise(s, index, count, max_bytes) {
                return corrupted(e);
            }
        }
    }
    hll::invalidate_cache(s);
    Reply::ok()
}

fn pfdebug(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = arg(argv, 1);
    let s = match sketch(ex, c, arg(argv, 2), Lookup::Write) {
        Ok(Some(s)) => s,
        Ok(None) => return Reply::error("ERR The specified key does not exist"),
        Err(e) => return e,
    };
    if is(sub, "getreg") {
        if let Err(e) = hll::to_dense(s) {
            return corrupted(e);
        }
        Reply::Array(
            hll::dense_registers(s)
                .into_iter()
                .map(|r| Reply::Integer(i64::from(r)))
                .collect(),
        )
    } else if is(sub, "decode") {
        if !hll::is_sparse(s) {
            return Reply::error("ERR HLL encoding is not sparse");
        }
        Reply::Bulk(hll::decode_sparse(s).into_bytes())
    } else if is(sub, "encoding") {
        Reply::status(if hll::is_sparse(s) { "sparse" } else { "dense" })
    } else if is(sub, "todense") {
        let was_sparse = hll::is_sparse(s);
        if let Err(e) = hll::to_dense(s) {
            return corrupted(e);
        }
        Reply::Integer(i64::from(was_sparse))
    } else {
        // Redis prints the name as a C string: it ends at a NUL byte.
        let name = sub.split(|&b| b == 0).next().unwrap_or(b"");
        Reply::error(format!(
            "ERR Unknown PFDEBUG subcommand '{}'",
            String::from_utf8_lossy(name)
        ))
    }
}

fn pfselftest(ex: &mut Exec, _c: &mut Client, _argv: &[Bytes]) -> Reply {
    let max_bytes = sparse_max(ex);
    let rng = &mut ex.rng;
    match hll::self_test(|| rng.next_u64(), max_bytes) {
        Ok(()) => Reply::ok(),
        Err(message) => Reply::error(message),
    }
}
