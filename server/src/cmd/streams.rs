//! Stream commands: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XREAD, consumer groups.

use bytes::Bytes;

use super::lists::block_or_answer;
use super::{arg, done, int_arg, is};
use crate::client::Client;
use crate::command::Handler;
use crate::executor::{err, Exec};
use crate::reply::Reply;
use crate::stream::{Fields, Group, PendingEntry, Stream, StreamId};

/// The stream handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("xadd", xadd),
    ("xlen", xlen),
    ("xrange", xrange),
    ("xrevrange", xrevrange),
    ("xdel", xdel),
    ("xtrim", xtrim),
    ("xread", xread),
    ("xgroup", xgroup),
    ("xreadgroup", xreadgroup),
    ("xack", xack),
    ("xpending", xpending),
];

const INVALID_ID: &str = "ERR Invalid stream ID specified as stream command argument";
/// Entries per node of Redis's stream radix tree: `~` trimming removes whole nodes.
const NODE_ENTRIES: usize = 100;

/// Parses `ms-seq` or `ms` (with `missing_seq` as the sequence).
fn parse_id(a: &[u8], missing_seq: u64) -> Result<StreamId, Reply> {
    let bad = || Reply::error(INVALID_ID);
    let s = std::str::from_utf8(a).map_err(|_| bad())?;
    let (ms, seq) = match s.split_once('-') {
        Some((ms, seq)) => (ms, Some(seq)),
        None => (s, None),
    };
    let ms: u64 = ms.parse().map_err(|_| bad())?;
    let seq = match seq {
        Some(q) => q.parse().map_err(|_| bad())?,
        None => missing_seq,
    };
    Ok(StreamId { ms, seq })
}

/// A range bound: `-`, `+`, `(id` (exclusive) or `id`.
fn range_bound(a: &[u8], start: bool) -> Result<Option<StreamId>, Reply> {
    match a {
        b"-" => Ok(Some(StreamId::default())),
        b"+" => Ok(Some(StreamId::MAX)),
        _ => {
            if let Some(rest) = a.strip_prefix(b"(") {
                let id = parse_id(rest, if start { 0 } else { u64::MAX })?;
                Ok(if start { id.next() } else { id.prev() })
            } else {
                Ok(Some(parse_id(a, if start { 0 } else { u64::MAX })?))
            }
        }
    }
}

fn entry_reply(id: StreamId, fields: &Fields) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(id.to_bytes()),
        Reply::Array(
            fields
                .iter()
                .flat_map(|(f, v)| [Reply::Bulk(f.clone()), Reply::Bulk(v.clone())])
                .collect(),
        ),
    ])
}

/// Trimming options: MAXLEN/MINID, `~`, threshold, LIMIT.
struct Trim {
    maxlen: Option<usize>,
    minid: Option<StreamId>,
    approx: bool,
}

/// Parses trimming options at `argv[i]`; returns the index after them.
fn parse_trim(argv: &[Bytes], mut i: usize, trim: &mut Trim) -> Result<usize, Reply> {
    let kind = arg(argv, i);
    let maxlen = is(kind, "maxlen");
    i += 1;
    if arg(argv, i) == b"~" {
        trim.approx = true;
        i += 1;
    } else if arg(argv, i) == b"=" {
        i += 1;
    }
    let threshold = argv.get(i).ok_or_else(|| Reply::error(err::SYNTAX))?;
    if maxlen {
        let n = int_arg(threshold)?;
        if n < 0 {
            return Err(Reply::error("ERR The MAXLEN argument must be >= 0."));
        }
        trim.maxlen = Some(n as usize);
    } else {
        trim.minid = Some(parse_id(threshold, 0)?);
    }
    i += 1;
    if is(arg(argv, i), "limit") && i + 1 < argv.len() {
        if !trim.approx {
            return Err(Reply::error(
                "ERR syntax error, LIMIT cannot be used without the special ~ option",
            ));
        }
        int_arg(arg(argv, i + 1))?;
        i += 2;
    }
    Ok(i)
}

fn apply_trim(s: &mut Stream, trim: &Trim) -> usize {
    let mut removed = 0;
    while let Some((&first, _)) = s.entries.iter().next() {
        let over = match (trim.maxlen, trim.minid) {
            (Some(max), _) => {
                if trim.approx {
                    s.entries.len() >= max + NODE_ENTRIES
                } else {
                    s.entries.len() > max
                }
            }
            (None, Some(min)) => first < min && (!trim.approx || s.entries.len() >= NODE_ENTRIES),
            (None, None) => false,
        };
        if !over {
            break;
        }
        let chunk = if trim.approx { NODE_ENTRIES } else { 1 };
        for _ in 0..chunk {
            if let Some((&id, _)) = s.entries.iter().next() {
                if trim.minid.is_some_and(|m| id >= m) {
                    break;
                }
                s.entries.remove(&id);
                removed += 1;
            }
        }
    }
    removed
}

fn xadd(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let key = arg(argv, 1);
    done((|| {
        let mut nomkstream = false;
        let mut trim = Trim {
            maxlen: None,
            minid: None,
            approx: false,
        };
        let mut i = 2;
        loop {
            let a = arg(argv, i);
            if is(a, "nomkstream") {
                nomkstream = true;
                i += 1;
            } else if is(a, "maxlen") || is(a, "minid") {
                i = parse_trim(argv, i, &mut trim)?;
            } else {
                break;
            }
        }
        let id_arg = arg(argv, i);
        let fields = &argv[i + 1..];
        if fields.is_empty() || !fields.len().is_multiple_of(2) {
            return Err(Reply::error(
                "ERR wrong number of arguments for 'xadd' command",
            ));
        }
        // Validate the id before touching the key.
        let explicit = match id_arg {
            b"*" => None,
            _ => match id_arg.strip_suffix(b"-*") {
                Some(ms) => Some((parse_id(ms, 0)?, false)),
                None => Some((parse_id(id_arg, 0)?, true)),
            },
        };
        if explicit == Some((StreamId::default(), true)) {
            return Err(Reply::error(
                "ERR The ID specified in XADD must be greater than 0-0",
            ));
        }
        let now = ex.now_ms.max(0) as u64;
        let Some(s) = ex.typed::<Stream>(c, key, !nomkstream)? else {
            return Ok(Reply::Null);
        };
        let last = s.last_id;
        let exhausted = || {
            Reply::error(
                "ERR The stream has exhausted the last possible ID, unable to add more items",
            )
        };
        let id = match explicit {
            None if now > last.ms => StreamId { ms: now, seq: 0 },
            None => last.next().ok_or_else(exhausted)?,
            Some((id, true)) => id,
            Some((StreamId { ms, .. }, false)) if ms == last.ms => {
                last.next().ok_or_else(exhausted)?
            }
            Some((StreamId { ms, .. }, false)) => StreamId {
                ms,
                seq: u64::from(ms == 0),
            },
        };
        if id <= last {
            return Err(Reply::error(
                "ERR The ID specified in XADD is equal or smaller than the target stream top item",
            ));
        }
        let pairs = fields
            .chunks_exact(2)
            .map(|p| (p[0].to_vec(), p[1].to_vec()))
            .collect();
        s.entries.insert(id, pairs);
        s.last_id = id;
        s.entries_added += 1;
        apply_trim(s, &trim);
        Ok(Reply::Bulk(id.to_bytes()))
    })())
}

fn xlen(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    match ex.typed::<Stream>(c, arg(argv, 1), false) {
        Ok(s) => Reply::Integer(s.map_or(0, |s| s.len() as i64)),
        Err(e) => e,
    }
}

fn range(ex: &mut Exec, c: &mut Client, argv: &[Bytes], rev: bool) -> Reply {
    done((|| {
        let (lo, hi) = if rev {
            (arg(argv, 3), arg(argv, 2))
        } else {
            (arg(argv, 2), arg(argv, 3))
        };
        let start = range_bound(lo, true)?;
        let end = range_bound(hi, false)?;
        let mut count = usize::MAX;
        let mut i = 4;
        while i < argv.len() {
            if is(arg(argv, i), "count") && i + 1 < argv.len() {
                count = int_arg(arg(argv, i + 1))?.max(0) as usize;
                i += 2;
            } else {
                return Err(Reply::error(err::SYNTAX));
            }
        }
        let Some(s) = ex.typed::<Stream>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Array(Vec::new()));
        };
        // Redis answers a null array to COUNT 0 (or negative) on an existing stream.
        if count == 0 {
            return Ok(Reply::NullArray);
        }
        let (Some(start), Some(end)) = (start, end) else {
            return Ok(Reply::Array(Vec::new()));
        };
        if start > end {
            return Ok(Reply::Array(Vec::new()));
        }
        let it = s.entries.range(start..=end);
        let items: Vec<Reply> = if rev {
            it.rev()
                .take(count)
                .map(|(id, f)| entry_reply(*id, f))
                .collect()
        } else {
            it.take(count).map(|(id, f)| entry_reply(*id, f)).collect()
        };
        Ok(Reply::Array(items))
    })())
}

fn xrange(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    range(ex, c, argv, false)
}

fn xrevrange(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    range(ex, c, argv, true)
}

fn xdel(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let Some(s) = ex.typed::<Stream>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Integer(0));
        };
        let ids: Vec<StreamId> = argv[2..]
            .iter()
            .map(|a| parse_id(a, 0))
            .collect::<Result<_, _>>()?;
        let mut n = 0;
        for id in ids {
            if s.entries.remove(&id).is_some() {
                n += 1;
                s.max_deleted_id = s.max_deleted_id.max(id);
            }
        }
        Ok(Reply::Integer(n))
    })())
}

fn xtrim(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let mut trim = Trim {
            maxlen: None,
            minid: None,
            approx: false,
        };
        let a = arg(argv, 2);
        if !(is(a, "maxlen") || is(a, "minid")) {
            return Err(Reply::error(err::SYNTAX));
        }
        let end = parse_trim(argv, 2, &mut trim)?;
        if end != argv.len() {
            return Err(Reply::error(err::SYNTAX));
        }
        let Some(s) = ex.typed::<Stream>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Integer(0));
        };
        Ok(Reply::Integer(apply_trim(s, &trim) as i64))
    })())
}

/// XREAD/XREADGROUP options before STREAMS.
struct ReadOptions {
    count: usize,
    block: Option<i64>,
    noack: bool,
    streams_at: usize,
}

fn read_options(argv: &[Bytes], from: usize, group: bool) -> Result<ReadOptions, Reply> {
    let mut o = ReadOptions {
        count: usize::MAX,
        block: None,
        noack: false,
        streams_at: 0,
    };
    let mut i = from;
    while i < argv.len() {
        let a = arg(argv, i);
        if is(a, "count") && i + 1 < argv.len() {
            let n = int_arg(arg(argv, i + 1))?;
            o.count = if n <= 0 { usize::MAX } else { n as usize };
            i += 2;
        } else if is(a, "block") && i + 1 < argv.len() {
            let ms = int_arg(arg(argv, i + 1))
                .map_err(|_| Reply::error("ERR timeout is not an integer or out of range"))?;
            if ms < 0 {
                return Err(Reply::error("ERR timeout is negative"));
            }
            o.block = Some(ms);
            i += 2;
        } else if is(a, "noack") && group {
            o.noack = true;
            i += 1;
        } else if is(a, "streams") {
            o.streams_at = i + 1;
            break;
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
    }
    if o.streams_at == 0 {
        return Err(Reply::error(err::SYNTAX));
    }
    let rest = argv.len() - o.streams_at;
    if rest == 0 || !rest.is_multiple_of(2) {
        // Redis words it the same for XREADGROUP.
        return Err(Reply::error(
            "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
        ));
    }
    Ok(o)
}

fn streams_reply(protocol: u8, results: Vec<(Vec<u8>, Vec<Reply>)>) -> Reply {
    if results.is_empty() {
        return Reply::NullArray;
    }
    if protocol >= 3 {
        Reply::Map(
            results
                .into_iter()
                .map(|(k, e)| (Reply::Bulk(k), Reply::Array(e)))
                .collect(),
        )
    } else {
        Reply::Array(
            results
                .into_iter()
                .map(|(k, e)| Reply::Array(vec![Reply::Bulk(k), Reply::Array(e)]))
                .collect(),
        )
    }
}

/// XREAD or XREADGROUP with BLOCK inside a script: Redis names the command
/// as the script spelled it.
fn block_in_script(argv: &[Bytes]) -> Reply {
    Reply::error(format!(
        "ERR {} command is not allowed with BLOCK option from scripts",
        String::from_utf8_lossy(arg(argv, 0))
    ))
}

fn xread(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let o = read_options(argv, 1, false)?;
        if o.block.is_some() && c.in_script {
            return Err(block_in_script(argv));
        }
        let half = (argv.len() - o.streams_at) / 2;
        let keys = &argv[o.streams_at..o.streams_at + half];
        let ids = &argv[o.streams_at + half..];
        // Resolve `$` now, so a blocked read waits for entries added after it.
        let mut resolved: Vec<StreamId> = Vec::with_capacity(half);
        for (key, id) in keys.iter().zip(ids) {
            if id.as_ref() == b"$" {
                let last = ex
                    .typed::<Stream>(c, key, false)?
                    .map_or(StreamId::default(), |s| s.last_id);
                resolved.push(last);
            } else {
                resolved.push(parse_id(id, 0)?);
            }
        }
        let mut results = Vec::new();
        for (key, after) in keys.iter().zip(&resolved) {
            let Some(s) = ex.typed::<Stream>(c, key, false)? else {
                continue;
            };
            let Some(from) = after.next() else { continue };
            let entries: Vec<Reply> = s
                .entries
                .range(from..)
                .take(o.count)
                .map(|(id, f)| entry_reply(*id, f))
                .collect();
            if !entries.is_empty() {
                results.push((key.to_vec(), entries));
            }
        }
        if !results.is_empty() || o.block.is_none() {
            return Ok(streams_reply(c.protocol, results));
        }
        let deadline = o.block.filter(|&ms| ms > 0).map(|ms| ex.now_ms + ms);
        let mut again = argv[..o.streams_at + half].to_vec();
        again.extend(resolved.iter().map(|id| Bytes::from(id.to_bytes())));
        let keys = keys.iter().map(|k| k.to_vec()).collect();
        Ok(block_or_answer(
            ex,
            c,
            keys,
            deadline,
            &again,
            Reply::NullArray,
        ))
    })())
}

fn xgroup(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    let key = arg(argv, 2);
    let group = arg(argv, 3).to_vec();
    let now = ex.now_ms;
    done((|| match sub.as_str() {
        "create" => {
            let mut mkstream = false;
            let mut entries_read = None;
            let mut i = 5;
            while i < argv.len() {
                if is(arg(argv, i), "mkstream") {
                    mkstream = true;
                    i += 1;
                } else if is(arg(argv, i), "entriesread") && i + 1 < argv.len() {
                    entries_read = Some(int_arg(arg(argv, i + 1))?.max(0) as u64);
                    i += 2;
                } else {
                    return Err(Reply::error(err::SYNTAX));
                }
            }
            let id_arg = arg(argv, 4);
            let id = if id_arg == b"$" {
                None
            } else {
                Some(parse_id(id_arg, 0)?)
            };
            let Some(s) = ex.typed::<Stream>(c, key, mkstream)? else {
                return Err(Reply::error("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically."));
            };
            if s.groups.contains_key(&group) {
                return Err(Reply::error("BUSYGROUP Consumer Group name already exists"));
            }
            let last_id = id.unwrap_or(s.last_id);
            s.groups.insert(
                group,
                Group {
                    last_id,
                    entries_read,
                    ..Group::default()
                },
            );
            Ok(Reply::ok())
        }
        "destroy" => {
            let Some(s) = ex.typed::<Stream>(c, key, false)? else {
                return Err(no_key_for_group());
            };
            Ok(Reply::Integer(i64::from(
                s.groups.shift_remove(&group).is_some(),
            )))
        }
        "createconsumer" | "delconsumer" => {
            let Some(s) = ex.typed::<Stream>(c, key, false)? else {
                return Err(no_key_for_group());
            };
            let Some(g) = s.groups.get_mut(&group) else {
                return Err(Reply::error(format!(
                    "NOGROUP No such consumer group '{}' for key name '{}'",
                    String::from_utf8_lossy(&group),
                    String::from_utf8_lossy(key)
                )));
            };
            let consumer = arg(argv, 4).to_vec();
            if sub == "createconsumer" {
                if g.consumers.contains_key(&consumer) {
                    return Ok(Reply::Integer(0));
                }
                g.consumers.insert(consumer, now);
                Ok(Reply::Integer(1))
            } else {
                let pending = g
                    .pending
                    .values()
                    .filter(|p| p.consumer == consumer)
                    .count();
                g.pending.retain(|_, p| p.consumer != consumer);
                g.consumers.shift_remove(&consumer);
                Ok(Reply::Integer(pending as i64))
            }
        }
        "setid" => {
            let Some(s) = ex.typed::<Stream>(c, key, false)? else {
                return Err(no_key_for_group());
            };
            let last = s.last_id;
            let Some(g) = s.groups.get_mut(&group) else {
                return Err(Reply::error(format!(
                    "NOGROUP No such consumer group '{}' for key name '{}'",
                    String::from_utf8_lossy(&group),
                    String::from_utf8_lossy(key)
                )));
            };
            g.last_id = if arg(argv, 4) == b"$" {
                last
            } else {
                parse_id(arg(argv, 4), 0)?
            };
            Ok(Reply::ok())
        }
        _ => Err(Reply::error(format!(
            "ERR unknown subcommand '{}'. Try XGROUP HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        ))),
    })())
}

fn no_key_for_group() -> Reply {
    Reply::error("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.")
}

fn xreadgroup(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        if !is(arg(argv, 1), "group") || argv.len() < 4 {
            return Err(Reply::error(err::SYNTAX));
        }
        let group = arg(argv, 2).to_vec();
        let consumer = arg(argv, 3).to_vec();
        let o = read_options(argv, 4, true)?;
        if o.block.is_some() && c.in_script {
            return Err(block_in_script(argv));
        }
        let half = (argv.len() - o.streams_at) / 2;
        let keys = &argv[o.streams_at..o.streams_at + half];
        let ids = &argv[o.streams_at + half..];
        let now = ex.now_ms;
        // Every group must exist before anything is read.
        for (key, id) in keys.iter().zip(ids) {
            let exists = ex
                .typed::<Stream>(c, key, false)?
                .is_some_and(|s| s.groups.contains_key(&group));
            if !exists {
                return Err(Reply::error(format!(
                    "NOGROUP No such key '{}' or consumer group '{}' in XREADGROUP with GROUP option",
                    String::from_utf8_lossy(key),
                    String::from_utf8_lossy(&group)
                )));
            }
            if id.as_ref() != b">" {
                parse_id(id, 0)?;
            }
        }
        let mut results = Vec::new();
        let mut any_new = false;
        for (key, id) in keys.iter().zip(ids) {
            let Some(s) = ex.typed::<Stream>(c, key, false)? else {
                continue;
            };
            let Stream {
                entries, groups, ..
            } = s;
            let Some(g) = groups.get_mut(&group) else {
                continue;
            };
            g.consumers.insert(consumer.clone(), now);
            let mut out = Vec::new();
            if id.as_ref() == b">" {
                let Some(from) = g.last_id.next() else {
                    continue;
                };
                let fresh: Vec<(StreamId, Fields)> = entries
                    .range(from..)
                    .take(o.count)
                    .map(|(id, f)| (*id, f.clone()))
                    .collect();
                for (id, fields) in fresh {
                    g.last_id = id;
                    g.entries_read = g.entries_read.map(|n| n + 1);
                    if !o.noack {
                        g.pending.insert(
                            id,
                            PendingEntry {
                                consumer: consumer.clone(),
                                delivery_ms: now,
                                deliveries: 1,
                            },
                        );
                    }
                    out.push(entry_reply(id, &fields));
                }
                if !out.is_empty() {
                    any_new = true;
                    results.push((key.to_vec(), out));
                }
            } else {
                let start = parse_id(id, 0)?;
                let Some(from) = start.next() else { continue };
                for (pid, p) in g.pending.range_mut(from..) {
                    if out.len() >= o.count {
                        break;
                    }
                    if p.consumer != consumer {
                        continue;
                    }
                    p.deliveries += 1;
                    p.delivery_ms = now;
                    out.push(match entries.get(pid) {
                        Some(f) => entry_reply(*pid, f),
                        None => Reply::Array(vec![Reply::Bulk(pid.to_bytes()), Reply::NullArray]),
                    });
                }
                results.push((key.to_vec(), out));
            }
        }
        if any_new || o.block.is_none() || results.iter().any(|(_, e)| !e.is_empty()) {
            return Ok(streams_reply(c.protocol, results));
        }
        let deadline = o.block.filter(|&ms| ms > 0).map(|ms| ex.now_ms + ms);
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

fn xack(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let ids: Vec<StreamId> = argv[3..]
            .iter()
            .map(|a| parse_id(a, 0))
            .collect::<Result<_, _>>()?;
        let Some(s) = ex.typed::<Stream>(c, arg(argv, 1), false)? else {
            return Ok(Reply::Integer(0));
        };
        let Some(g) = s.groups.get_mut(arg(argv, 2)) else {
            return Ok(Reply::Integer(0));
        };
        Ok(Reply::Integer(
            ids.iter()
                .filter(|id| g.pending.remove(id).is_some())
                .count() as i64,
        ))
    })())
}

fn xpending(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let now = ex.now_ms;
    done((|| {
        let key = arg(argv, 1);
        let group = arg(argv, 2);
        let nogroup = || {
            Reply::error(format!(
                "NOGROUP No such key '{}' or consumer group '{}'",
                String::from_utf8_lossy(key),
                String::from_utf8_lossy(group)
            ))
        };
        let Some(s) = ex.typed::<Stream>(c, key, false)? else {
            return Err(nogroup());
        };
        let Some(g) = s.groups.get(group) else {
            return Err(nogroup());
        };
        if argv.len() == 3 {
            if g.pending.is_empty() {
                return Ok(Reply::Array(vec![
                    Reply::Integer(0),
                    Reply::Null,
                    Reply::Null,
                    Reply::NullArray,
                ]));
            }
            let first = g.pending.keys().next().copied().unwrap_or_default();
            let last = g.pending.keys().next_back().copied().unwrap_or_default();
            let mut per: Vec<(Vec<u8>, i64)> = Vec::new();
            for p in g.pending.values() {
                match per.iter_mut().find(|(c, _)| *c == p.consumer) {
                    Some(e) => e.1 += 1,
                    None => per.push((p.consumer.clone(), 1)),
                }
            }
            return Ok(Reply::Array(vec![
                Reply::Integer(g.pending.len() as i64),
                Reply::Bulk(first.to_bytes()),
                Reply::Bulk(last.to_bytes()),
                Reply::Array(
                    per.into_iter()
                        .map(|(c, n)| {
                            Reply::Array(vec![
                                Reply::Bulk(c),
                                Reply::Bulk(n.to_string().into_bytes()),
                            ])
                        })
                        .collect(),
                ),
            ]));
        }
        let mut i = 3;
        let mut min_idle = 0;
        if is(arg(argv, i), "idle") {
            min_idle = int_arg(arg(argv, i + 1))?;
            i += 2;
        }
        if argv.len() < i + 3 {
            return Err(Reply::error(err::SYNTAX));
        }
        let start = range_bound(arg(argv, i), true)?;
        let end = range_bound(arg(argv, i + 1), false)?;
        let count = int_arg(arg(argv, i + 2))?.max(0) as usize;
        let consumer = argv.get(i + 3).map(|b| b.to_vec());
        let (Some(start), Some(end)) = (start, end) else {
            return Ok(Reply::Array(Vec::new()));
        };
        if start > end {
            return Ok(Reply::Array(Vec::new()));
        }
        Ok(Reply::Array(
            g.pending
                .range(start..=end)
                .filter(|(_, p)| consumer.as_ref().is_none_or(|c| *c == p.consumer))
                .filter(|(_, p)| now - p.delivery_ms >= min_idle)
                .take(count)
                .map(|(id, p)| {
                    Reply::Array(vec![
                        Reply::Bulk(id.to_bytes()),
                        Reply::Bulk(p.consumer.clone()),
                        Reply::Integer(now - p.delivery_ms),
                        Reply::Integer(p.deliveries as i64),
                    ])
                })
                .collect(),
        ))
    })())
}
