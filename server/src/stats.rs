//! Counters reported by INFO (stats, commandstats, errorstats).

use std::collections::BTreeMap;

use crate::reply::Reply;

/// Counters of one command.
#[derive(Debug, Default, Clone)]
pub struct CommandStats {
    /// Calls.
    pub calls: u64,
    /// Microseconds spent.
    pub usec: u64,
    /// Calls refused before running (ACL, OOM...).
    pub rejected_calls: u64,
    /// Calls that ran and answered an error.
    pub failed_calls: u64,
}

/// Server-wide counters.
#[derive(Debug, Default)]
pub struct Stats {
    /// Commands run.
    pub commands_processed: u64,
    /// Connections accepted.
    pub total_connections: u64,
    /// Keys deleted by active expiry.
    pub expired_keys: u64,
    /// Keys evicted for `maxmemory`.
    pub evicted_keys: u64,
    /// Successful key lookups.
    pub keyspace_hits: u64,
    /// Failed key lookups.
    pub keyspace_misses: u64,
    /// Clients waiting in a blocking command.
    pub blocked_clients: u64,
    /// Writes since start.
    pub dirty: u64,
    /// Error replies by code.
    pub errors: BTreeMap<String, u64>,
    /// Per-command counters by command id, with the command's name.
    pub commands: Vec<Option<(String, CommandStats)>>,
    /// Set by a script whose error reply repeats an error already counted (a
    /// `redis.call` error): the command that ran it counts it as failed only.
    pub reply_error_counted: bool,
}

impl Stats {
    /// The counters of the command with `id` and `name`.
    pub fn command(&mut self, id: usize, name: &str) -> &mut CommandStats {
        if self.commands.len() <= id {
            self.commands.resize(id + 1, None);
        }
        &mut self.commands[id]
            .get_or_insert_with(|| (name.to_string(), CommandStats::default()))
            .1
    }

    /// Counters of every command that ran, sorted by name.
    pub fn by_name(&self) -> Vec<&(String, CommandStats)> {
        let mut all: Vec<_> = self.commands.iter().flatten().collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    /// Counts an error reply under its code (the first word).
    pub fn count_error(&mut self, reply: &Reply) {
        if let Reply::Error(msg) = reply {
            self.count_error_text(msg);
        }
    }

    /// Counts the error `msg` (`CODE text`) under its code.
    pub fn count_error_text(&mut self, msg: &[u8]) {
        let code = msg.split(|&b| b == b' ').next().unwrap_or(b"ERR");
        *self
            .errors
            .entry(String::from_utf8_lossy(code).into_owned())
            .or_default() += 1;
    }

    /// Clears the counters CONFIG RESETSTAT clears.
    pub fn reset(&mut self) {
        let blocked = self.blocked_clients;
        *self = Stats::default();
        self.blocked_clients = blocked;
    }
}
