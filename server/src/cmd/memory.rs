//! MEMORY: the memory doctor, per-key usage estimates and the memory statistics.
//!
//! Sizes are estimates in Redis's terms (its object headers, sds strings, listpacks and
//! hash tables, rounded to jemalloc's size classes), so MEMORY USAGE answers numbers of
//! the same order as Redis for the same value; the statistics are this server's own.

use bytes::Bytes;

use super::{arg, done, help, int_arg, is};
use crate::client::Client;
use crate::command::Handler;
use crate::db::{Db, Entry, Value};
use crate::executor::{err, Exec};
use crate::frame::parse_i64;
use crate::reply::Reply;

/// The MEMORY handler.
pub const HANDLERS: &[(&str, Handler)] = &[("memory", memory)];

/// Below this much memory in use, the doctor has nothing to say (Redis's 5 MB).
const DOCTOR_MIN_BYTES: usize = 5 * 1024 * 1024;
/// Elements MEMORY USAGE samples in a collection by default.
const DEFAULT_SAMPLES: usize = 5;
/// Redis's `robj` header.
const OBJECT_HEADER: usize = 16;
/// Redis's `dictEntry`.
const DICT_ENTRY: usize = 24;
/// Largest listpack of a quicklist node.
const LIST_NODE_BYTES: usize = 8192;
/// A hash table bucket pointer.
const BUCKET: usize = 8;

fn memory(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = arg(argv, 1);
    if is(sub, "usage") {
        done(usage(ex, c, argv))
    } else if is(sub, "stats") {
        stats(ex)
    } else if is(sub, "doctor") {
        Reply::Verbatim {
            format: *b"txt",
            text: doctor_report(ex.used_memory()).into_bytes(),
        }
    } else if is(sub, "malloc-stats") {
        // Redis's answer when it is not built with jemalloc, which is our case.
        Reply::bulk("Stats not supported for the current allocator")
    } else if is(sub, "purge") {
        Reply::ok()
    } else if is(sub, "help") {
        help(&[
            "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "DOCTOR",
            "    Return memory problems reports.",
            "MALLOC-STATS",
            "    Return internal statistics report from the memory allocator.",
            "PURGE",
            "    Attempt to purge dirty pages for reclamation by the allocator.",
            "STATS",
            "    Return information about the memory usage of the server.",
            "USAGE <key> [SAMPLES <count>]",
            "    Return memory in bytes used by <key> and its value. Nested values are",
            "    sampled up to <count> times (default: 5, 0 means sample all).",
            "HELP",
            "    Prints this help.",
        ])
    } else {
        Reply::error(format!(
            "ERR unknown subcommand '{}'. Try MEMORY HELP.",
            String::from_utf8_lossy(sub)
        ))
    }
}

/// The doctor's report. This server tracks neither fragmentation nor peaks, so past
/// Redis's "too little data" threshold there is no issue to report.
fn doctor_report(used: usize) -> String {
    if used < DOCTOR_MIN_BYTES {
        "Hi Sam, this instance is empty or is using very little memory, my issues detector \
         can't be used in these conditions. Please, leave for your mission on Earth and fill \
         it with some data. The new Sam and I will be back to our programming as soon as I \
         finished rebooting.\n"
            .to_string()
    } else {
        "Hi Sam, I can't find any memory issue in your instance. I can only account for what \
         occurs on this base.\n"
            .to_string()
    }
}

fn usage(ex: &mut Exec, c: &Client, argv: &[Bytes]) -> Result<Reply, Reply> {
    let mut samples = DEFAULT_SAMPLES;
    let mut i = 3;
    while i < argv.len() {
        if is(arg(argv, i), "samples") && i + 1 < argv.len() {
            let n = int_arg(arg(argv, i + 1))?;
            if n < 0 {
                return Err(Reply::error(err::SYNTAX));
            }
            samples = if n == 0 {
                usize::MAX
            } else {
                usize::try_from(n).unwrap_or(usize::MAX)
            };
            i += 2;
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
    }
    let key = arg(argv, 2);
    let now = ex.now_ms;
    Ok(match ex.db(c).peek(key, now) {
        Some(entry) => Reply::Integer(key_usage(key, entry, samples) as i64),
        None => Reply::Null,
    })
}

/// Bytes jemalloc hands out for a request of `n` bytes (its size classes: multiples of
/// 8 then 16 up to 128, then four classes per power of two).
pub fn malloc_size(n: usize) -> usize {
    if n <= 8 {
        8
    } else if n <= 128 {
        n.div_ceil(16) * 16
    } else {
        match n.checked_next_power_of_two() {
            Some(class) => n.div_ceil(class / 8).saturating_mul(class / 8),
            None => n,
        }
    }
}

/// An sds string of `len` bytes: header, bytes and terminator.
fn sds_size(len: usize) -> usize {
    let header = if len < 256 {
        3
    } else if len < 65536 {
        5
    } else {
        9
    };
    malloc_size(header + len + 1)
}

/// Bytes one listpack entry takes for `s` (integers are stored compactly).
fn listpack_entry(s: &[u8]) -> usize {
    if s.len() <= 20 && parse_i64(s).is_some() {
        return 9;
    }
    let len_header = match s.len() {
        0..=63 => 1,
        64..=4095 => 2,
        _ => 5,
    };
    len_header + s.len() + 1
}

/// A listpack holding these entries.
fn listpack_size<'a>(entries: impl Iterator<Item = &'a [u8]>) -> usize {
    malloc_size(7 + entries.map(listpack_entry).sum::<usize>())
}

/// A hash table of `n` entries, without the entries' own strings.
fn dict_size(n: usize) -> usize {
    let buckets = if n == 0 {
        0
    } else {
        n.checked_next_power_of_two().unwrap_or(n).max(4)
    };
    n * DICT_ENTRY + buckets * BUCKET
}

/// Sum of `per_item` over up to `samples` items, scaled to all `len` of them (Redis
/// samples the first elements and extrapolates).
fn sampled<T>(
    items: impl Iterator<Item = T>,
    len: usize,
    samples: usize,
    per_item: impl Fn(T) -> usize,
) -> usize {
    let mut seen = 0usize;
    let mut bytes = 0usize;
    for item in items.take(samples) {
        bytes = bytes.saturating_add(per_item(item));
        seen += 1;
    }
    if seen == 0 {
        0
    } else {
        (bytes as f64 / seen as f64 * len as f64) as usize
    }
}

/// MEMORY USAGE's estimate for `key` and its value.
pub fn key_usage(key: &[u8], entry: &Entry, samples: usize) -> usize {
    let compact = entry.encoding() == "listpack" || entry.encoding() == "intset";
    let value = match &entry.value {
        Value::Str(s) => match entry.encoding() {
            "int" => OBJECT_HEADER,
            "embstr" => malloc_size(OBJECT_HEADER + 3 + s.len() + 1),
            _ => OBJECT_HEADER + sds_size(s.len()),
        },
        Value::List(l) => {
            // A quicklist: its header, then nodes holding listpacks of up to 8 KB
            // (list-max-listpack-size -2).
            let entries = sampled(l.iter(), l.len(), samples, |e| listpack_entry(e));
            let nodes = entries.div_ceil(LIST_NODE_BYTES).max(1);
            OBJECT_HEADER + 40 + nodes * (32 + malloc_size(7 + entries / nodes))
        }
        Value::Set(s) if compact => OBJECT_HEADER + malloc_size(8 + s.len() * 8),
        Value::Set(s) => {
            OBJECT_HEADER
                + dict_size(s.len())
                + sampled(s.iter(), s.len(), samples, |m| sds_size(m.len()))
        }
        Value::Hash(h) if compact => {
            OBJECT_HEADER + listpack_size(h.iter().flat_map(|(k, v)| [k.as_slice(), v.as_slice()]))
        }
        Value::Hash(h) => {
            OBJECT_HEADER
                + dict_size(h.len())
                + sampled(h.iter(), h.len(), samples, |(k, v)| {
                    sds_size(k.len()) + sds_size(v.len())
                })
        }
        Value::ZSet(z) if compact => {
            let mut scores = Vec::with_capacity(z.len());
            for (_, score) in z.iter() {
                scores.push(crate::reply::format_double(score).into_bytes());
            }
            OBJECT_HEADER
                + listpack_size(
                    z.iter()
                        .map(|(m, _)| m)
                        .chain(scores.iter().map(|s| s.as_slice())),
                )
        }
        Value::ZSet(z) => {
            // A dict plus a skiplist node (score, backward pointer, levels) per member.
            OBJECT_HEADER
                + dict_size(z.len())
                + sampled(z.iter(), z.len(), samples, |(m, _)| {
                    sds_size(m.len()) + malloc_size(32 + 16)
                })
        }
        Value::Stream(s) => OBJECT_HEADER + s.memory(),
    };
    value + sds_size(key.len()) + DICT_ENTRY
}

/// MEMORY STATS: Redis's fields, with this server's estimates. Parts this server does
/// not have (replication, cluster, AOF) or does not measure (client buffers, allocator
/// pages) are 0, and ratios 1.
fn stats(ex: &mut Exec) -> Reply {
    // INFO's used_memory is a baseline plus the estimate of every key and value: the
    // baseline is the overhead, the per-database tables' share of it included.
    let total = ex.used_memory();
    let dataset: usize = ex.dbs.iter().map(|db| db.memory()).sum();
    let overhead = total.saturating_sub(dataset);
    let tables: usize = ex
        .dbs
        .iter()
        .map(|db| {
            let (main, expires) = db_tables(db);
            main + expires
        })
        .sum();
    let startup = overhead.saturating_sub(tables);
    let keys: usize = ex.dbs.iter().map(|db| db.len()).sum();
    let int = |n: usize| Reply::Integer(i64::try_from(n).unwrap_or(i64::MAX));
    let field = |name: &str, v: Reply| (Reply::bulk(name), v);
    let mut fields = vec![
        field("peak.allocated", int(total)),
        field("total.allocated", int(total)),
        field("startup.allocated", int(startup)),
        field("replication.backlog", int(0)),
        field("clients.slaves", int(0)),
        field("clients.normal", int(0)),
        field("cluster.links", int(0)),
        field("aof.buffer", int(0)),
        field("lua.caches", int(0)),
        field("functions.caches", int(0)),
    ];
    for (i, db) in ex.dbs.iter().enumerate() {
        if db.is_empty() {
            continue;
        }
        let (main, expires) = db_tables(db);
        fields.push(field(
            &format!("db.{i}"),
            Reply::Map(vec![
                field("overhead.hashtable.main", int(main)),
                field("overhead.hashtable.expires", int(expires)),
                field("overhead.hashtable.slot-to-keys", int(0)),
            ]),
        ));
    }
    let net = total.saturating_sub(startup);
    let percent = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            // Redis computes these as floats.
            f64::from(part as f32 * 100.0 / whole as f32)
        }
    };
    fields.extend([
        field("overhead.total", int(overhead)),
        field("keys.count", int(keys)),
        field(
            "keys.bytes-per-key",
            int(net.checked_div(keys).unwrap_or(0)),
        ),
        field("dataset.bytes", int(dataset)),
        field("dataset.percentage", Reply::Double(percent(dataset, net))),
        field("peak.percentage", Reply::Double(percent(total, total))),
        field("allocator.allocated", int(total)),
        field("allocator.active", int(total)),
        field("allocator.resident", int(total)),
        field("allocator-fragmentation.ratio", Reply::Double(1.0)),
        field("allocator-fragmentation.bytes", int(0)),
        field("allocator-rss.ratio", Reply::Double(1.0)),
        field("allocator-rss.bytes", int(0)),
        field("rss-overhead.ratio", Reply::Double(1.0)),
        field("rss-overhead.bytes", int(0)),
        field("fragmentation", Reply::Double(1.0)),
        field("fragmentation.bytes", int(0)),
    ]);
    Reply::Map(fields)
}

/// Bytes of a database's key table and expiry table. Each key's entry carries cluster
/// slot metadata in Redis 7.0 (16 bytes).
fn db_tables(db: &Db) -> (usize, usize) {
    (
        dict_size(db.len()) + db.len() * 16,
        dict_size(db.expires_len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_to_jemalloc_classes() {
        assert_eq!(malloc_size(0), 8);
        assert_eq!(malloc_size(9), 16);
        assert_eq!(malloc_size(100), 112);
        assert_eq!(malloc_size(129), 160);
        assert_eq!(malloc_size(1000), 1024);
        assert_eq!(malloc_size(1025), 1280);
        assert_eq!(malloc_size(usize::MAX), usize::MAX);
        // "hello" as an sds: 3 header bytes, 5, the terminator.
        assert_eq!(sds_size(5), 16);
        assert_eq!(sds_size(300), 320);
    }

    #[test]
    fn listpacks_store_integers_compactly() {
        assert!(listpack_entry(b"12345") < listpack_entry(b"hello world"));
        assert_eq!(listpack_entry(b""), 2);
        assert_eq!(dict_size(0), 0);
        assert_eq!(dict_size(1), DICT_ENTRY + 4 * BUCKET);
        assert_eq!(dict_size(5), 5 * DICT_ENTRY + 8 * BUCKET);
    }

    #[test]
    fn doctor_needs_data() {
        assert!(doctor_report(0).starts_with("Hi Sam, this instance is empty"));
        assert!(doctor_report(DOCTOR_MIN_BYTES).starts_with("Hi Sam, I can't find"));
    }
}
