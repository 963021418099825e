//! The slow log: commands that took longer than `slowlog-log-slower-than`
//! microseconds, newest first, at most `slowlog-max-len` of them (SLOWLOG GET).

use std::collections::VecDeque;

use bytes::Bytes;

use crate::reply::Reply;

/// Most arguments an entry keeps (Redis's SLOWLOG_ENTRY_MAX_ARGC).
const MAX_ARGS: usize = 32;
/// Most bytes an argument keeps (Redis's SLOWLOG_ENTRY_MAX_STRING).
const MAX_ARG_BYTES: usize = 128;

/// One slow command.
#[derive(Debug, Clone)]
struct Entry {
    id: u64,
    unix_secs: i64,
    micros: u64,
    args: Vec<Vec<u8>>,
    addr: String,
    name: Vec<u8>,
}

/// The slow log.
#[derive(Debug, Default)]
pub struct SlowLog {
    entries: VecDeque<Entry>,
    next_id: u64,
}

impl SlowLog {
    /// Records a command that took `micros`, trimming the log to `max_len`. Long
    /// argument lists and long arguments are cut the way Redis cuts them.
    pub fn push(
        &mut self,
        argv: &[Bytes],
        micros: u64,
        unix_secs: i64,
        client: (&str, Option<&[u8]>),
        max_len: usize,
    ) {
        let keep = if argv.len() > MAX_ARGS {
            MAX_ARGS - 1
        } else {
            argv.len()
        };
        let mut args: Vec<Vec<u8>> = argv
            .iter()
            .take(keep)
            .map(|a| match a.get(..MAX_ARG_BYTES) {
                Some(head) if a.len() > MAX_ARG_BYTES => {
                    let mut cut = head.to_vec();
                    cut.extend_from_slice(
                        format!("... ({} more bytes)", a.len() - MAX_ARG_BYTES).as_bytes(),
                    );
                    cut
                }
                _ => a.to_vec(),
            })
            .collect();
        if keep < argv.len() {
            args.push(format!("... ({} more arguments)", argv.len() - keep).into_bytes());
        }
        self.entries.push_front(Entry {
            id: self.next_id,
            unix_secs,
            micros,
            args,
            addr: client.0.to_string(),
            name: client.1.unwrap_or_default().to_vec(),
        });
        self.next_id += 1;
        self.entries.truncate(max_len);
    }

    /// Number of entries (SLOWLOG LEN).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Empties the log (SLOWLOG RESET); ids go on counting.
    pub fn reset(&mut self) {
        self.entries.clear();
    }

    /// The newest `count` entries as SLOWLOG GET replies them.
    pub fn newest(&self, count: usize) -> Reply {
        Reply::Array(
            self.entries
                .iter()
                .take(count)
                .map(|e| {
                    Reply::Array(vec![
                        Reply::Integer(e.id as i64),
                        Reply::Integer(e.unix_secs),
                        Reply::Integer(e.micros as i64),
                        Reply::Array(e.args.iter().map(|a| Reply::Bulk(a.clone())).collect()),
                        Reply::bulk(e.addr.as_bytes()),
                        Reply::Bulk(e.name.clone()),
                    ])
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_commands_are_cut_and_the_log_keeps_the_newest() {
        let mut log = SlowLog::default();
        let many: Vec<Bytes> = (0..40).map(|i| Bytes::from(i.to_string())).collect();
        log.push(&many, 5, 1, ("a:1", None), 2);
        let long = vec![Bytes::from_static(b"SET"), Bytes::from(vec![b'x'; 130])];
        log.push(&long, 7, 2, ("a:1", Some(b"n")), 2);
        log.push(&long, 9, 3, ("a:1", None), 2);
        assert_eq!(log.len(), 2);
        let Reply::Array(entries) = log.newest(10) else {
            panic!("an array")
        };
        let Reply::Array(newest) = &entries[0] else {
            panic!("an entry")
        };
        assert_eq!(newest[0], Reply::Integer(2));
        let Reply::Array(args) = &newest[3] else {
            panic!("args")
        };
        let mut cut = vec![b'x'; 128];
        cut.extend_from_slice(b"... (2 more bytes)");
        assert_eq!(args[1], Reply::Bulk(cut));
        let first = {
            let mut l = SlowLog::default();
            l.push(&many, 5, 1, ("a:1", None), 5);
            l.newest(1)
        };
        let Reply::Array(e) = first else { panic!() };
        let Reply::Array(fields) = &e[0] else {
            panic!()
        };
        let Reply::Array(args) = &fields[3] else {
            panic!()
        };
        assert_eq!(args.len(), 32);
        assert_eq!(args[31], Reply::bulk("... (9 more arguments)"));
    }
}
