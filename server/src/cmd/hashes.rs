//! Hash commands.

use bytes::Bytes;

use super::keys::{scan_options, scan_reply, scan_start};
use super::{arg, bulks, done, int_arg, is};
use crate::client::Client;
use crate::command::Handler;
use crate::db::Hash;
use crate::executor::{err, Exec};
use crate::frame::parse_i64;
use crate::glob::glob_match;
use crate::reply::Reply;

/// The hash handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("hset", hset),
    ("hmset", hset),
    ("hsetnx", hsetnx),
    ("hget", hget),
    ("hmget", hmget),
    ("hgetall", hgetall),
    ("hdel", hdel),
    ("hexists", hexists),
    ("hlen", hlen),
    ("hkeys", hkeys),
    ("hvals", hvals),
    ("hincrby", hincrby),
    ("hincrbyfloat", hincrbyfloat),
    ("hstrlen", hstrlen),
    ("hrandfield", hrandfield),
    ("hscan", hscan),
];

/// Entries up to which Redis keeps a hash as a listpack, in insertion order.
const LISTPACK_ENTRIES: usize = 128;

/// Removes a field keeping the order of the rest, as a listpack does.
fn remove_field(h: &mut Hash, field: &[u8]) -> bool {
    if h.len() <= LISTPACK_ENTRIES {
        h.shift_remove(field).is_some()
    } else {
        h.swap_remove(field).is_some()
    }
}

/// A map reply of field-value pairs.
pub fn pairs_map(pairs: impl IntoIterator<Item = (Vec<u8>, Vec<u8>)>) -> Reply {
    Reply::Map(
        pairs
            .into_iter()
            .map(|(k, v)| (Reply::Bulk(k), Reply::Bulk(v)))
            .collect(),
    )
}

/// Pairs as RESP3 wants them for WITHSCORES-like replies: an array of 2-element arrays
/// in RESP3, one flat array in RESP2.
pub fn pairs_reply(protocol: u8, pairs: Vec<(Reply, Reply)>) -> Reply {
    if protocol >= 3 {
        Reply::Array(
            pairs
                .into_iter()
                .map(|(a, b)| Reply::Array(vec![a, b]))
                .collect(),
        )
    } else {
        Reply::Array(pairs.into_iter().flat_map(|(a, b)| [a, b]).collect())
    }
}

fn hset(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    if argv.len() % 2 == 1 {
        let name = String::from_utf8_lossy(arg(argv, 0)).to_ascii_lowercase();
        return Reply::error(format!(
            "ERR wrong number of arguments for '{name}' command"
        ));
    }
    let hmset = is(arg(argv, 0), "hmset");
    match ex.typed::<Hash>(c, arg(argv, 1), true) {
        Ok(Some(h)) => {
            let mut added = 0;
            for pair in argv[2..].chunks_exact(2) {
                if h.insert(pair[0].to_vec(), pair[1].to_vec()).is_none() {
                    added += 1;
                }
            }
            if hmset {
                Reply::ok()
            } else {
                Reply::Integer(added)
            }
        }
        Ok(None) => Reply::Integer(0),
        Err(e) => e,
    }
}

fn hsetnx(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), true) {
        Ok(Some(h)) => {
            if h.contains_key(arg(argv, 2)) {
                Reply::Integer(0)
            } else {
                h.insert(arg(argv, 2).to_vec(), arg(argv, 3).to_vec());
                Reply::Integer(1)
            }
        }
        Ok(None) => Reply::Integer(0),
        Err(e) => e,
    }
}

fn hget(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(Some(h)) => h
            .get(arg(argv, 2))
            .cloned()
            .map_or(Reply::Null, Reply::Bulk),
        Ok(None) => Reply::Null,
        Err(e) => e,
    }
}

fn hmget(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(h) => Reply::Array(
            argv[2..]
                .iter()
                .map(|f| {
                    h.as_ref()
                        .and_then(|h| h.get(f.as_ref()))
                        .cloned()
                        .map_or(Reply::Null, Reply::Bulk)
                })
                .collect(),
        ),
        Err(e) => e,
    }
}

fn hgetall(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(Some(h)) => pairs_map(h.iter().map(|(k, v)| (k.clone(), v.clone()))),
        Ok(None) => Reply::Map(Vec::new()),
        Err(e) => e,
    }
}

fn hdel(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    let n = match ex.typed::<Hash>(c, key, false) {
        Ok(Some(h)) => argv[2..].iter().filter(|f| remove_field(h, f)).count(),
        Ok(None) => 0,
        Err(e) => return e,
    };
    ex.db(c).remove_if_empty(key);
    Reply::Integer(n as i64)
}

fn hexists(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(h) => Reply::Integer(i64::from(h.is_some_and(|h| h.contains_key(arg(argv, 2))))),
        Err(e) => e,
    }
}

fn hlen(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(h) => Reply::Integer(h.map_or(0, |h| h.len() as i64)),
        Err(e) => e,
    }
}

fn hkeys(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(h) => bulks(
            h.map(|h| h.keys().cloned().collect())
                .unwrap_or_else(Vec::new),
        ),
        Err(e) => e,
    }
}

fn hvals(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(h) => bulks(
            h.map(|h| h.values().cloned().collect())
                .unwrap_or_else(Vec::new),
        ),
        Err(e) => e,
    }
}

fn hstrlen(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(h) => Reply::Integer(
            h.and_then(|h| h.get(arg(argv, 2)))
                .map_or(0, |v| v.len() as i64),
        ),
        Err(e) => e,
    }
}

fn hincrby(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let by = int_arg(arg(argv, 3))?;
        let Some(h) = ex.typed::<Hash>(c, arg(argv, 1), true)? else {
            return Err(Reply::error(err::WRONGTYPE));
        };
        let field = arg(argv, 2);
        let current = match h.get(field) {
            Some(v) => {
                parse_i64(v).ok_or_else(|| Reply::error("ERR hash value is not an integer"))?
            }
            None => 0,
        };
        let value = current
            .checked_add(by)
            .ok_or_else(|| Reply::error("ERR increment or decrement would overflow"))?;
        h.insert(field.to_vec(), value.to_string().into_bytes());
        Ok(Reply::Integer(value))
    })())
}

fn hincrbyfloat(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    let r = done((|| {
        // Check the increment before creating the key.
        let incr = arg(argv, 3);
        crate::float::incr_by_float(None, incr).map_err(|e| {
            if e == Reply::error(err::NOT_FLOAT) {
                e
            } else {
                Reply::error("ERR value is NaN or Infinity")
            }
        })?;
        let Some(h) = ex.typed::<Hash>(c, key, true)? else {
            return Err(Reply::error(err::WRONGTYPE));
        };
        let field = arg(argv, 2);
        let value = crate::float::incr_by_float_with(
            h.get(field).map(|v| v.as_slice()),
            arg(argv, 3),
            "ERR hash value is not a float",
        )?;
        h.insert(field.to_vec(), value.clone());
        Ok(Reply::Bulk(value))
    })());
    ex.db(c).remove_if_empty(key);
    r
}

fn hrandfield(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let count = match argv.get(2) {
        None => None,
        Some(a) => match int_arg(a) {
            Ok(n) => Some(n),
            Err(e) => return e,
        },
    };
    let withvalues = match argv.get(3) {
        None => false,
        Some(a) if is(a, "withvalues") && argv.len() == 4 => true,
        Some(_) => return Reply::error(err::SYNTAX),
    };
    let protocol = c.protocol;
    let entries: Vec<(Vec<u8>, Vec<u8>)> = match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(Some(h)) => h.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Ok(None) => {
            return if count.is_some() {
                Reply::Array(Vec::new())
            } else {
                Reply::Null
            }
        }
        Err(e) => return e,
    };
    let picks = match super::sets::random_picks(&mut ex.rng, entries.len(), count) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let Some(count) = count else {
        return picks
            .first()
            .and_then(|&i| entries.get(i))
            .map_or(Reply::Null, |(k, _)| Reply::Bulk(k.clone()));
    };
    if withvalues && count.unsigned_abs() > (i64::MAX / 2) as u64 {
        return Reply::error("ERR value is out of range");
    }
    let chosen = picks.into_iter().filter_map(|i| entries.get(i));
    if withvalues {
        pairs_reply(
            protocol,
            chosen
                .map(|(k, v)| (Reply::Bulk(k.clone()), Reply::Bulk(v.clone())))
                .collect(),
        )
    } else {
        bulks(chosen.map(|(k, _)| k.clone()))
    }
}

fn hscan(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let (cursor, opts) = match scan_options(argv, 2, false) {
        Ok(x) => x,
        Err(e) => return e,
    };
    let h = match ex.typed::<Hash>(c, arg(argv, 1), false) {
        Ok(Some(h)) => h,
        Ok(None) => return scan_reply(0, Vec::new()),
        Err(e) => return e,
    };
    // Small hashes are returned whole, as Redis does for listpacks; large ones are
    // walked downwards like the keyspace (see `scan_start`).
    let small = h.len() <= LISTPACK_ENTRIES;
    let (indexes, next): (Vec<usize>, usize) = if small {
        ((0..h.len()).collect(), 0)
    } else {
        let end = scan_start(cursor, h.len());
        let start = end.saturating_sub(opts.count);
        ((start..end).rev().collect(), start)
    };
    let mut items = Vec::new();
    for i in indexes {
        let Some((k, v)) = h.get_index(i) else {
            continue;
        };
        if opts
            .pattern
            .as_ref()
            .is_some_and(|p| !glob_match(p, k, false))
        {
            continue;
        }
        items.push(Reply::Bulk(k.clone()));
        items.push(Reply::Bulk(v.clone()));
    }
    scan_reply(next, items)
}
