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
    /// Per-command counters, by full name.
    pub commands: BTreeMap<String, CommandStats>,
    /// Never read: lets `command` return a reference without a panic path.
    unused: CommandStats,
}

impl Stats {
    /// The counters of `name`.
    pub fn command(&mut self, name: &str) -> &mut CommandStats {
        if !self.commands.contains_key(name) {
            self.commands
                .insert(name.to_string(), CommandStats::default());
        }
        match self.commands.get_mut(name) {
            Some(s) => s,
            None => &mut self.unused,
        }
    }

    /// Counts an error reply under its code (the first word).
    pub fn count_error(&mut self, reply: &Reply) {
        if let Reply::Error(msg) = reply {
            let code = msg.split(|&b| b == b' ').next().unwrap_or(b"ERR");
            *self
                .errors
                .entry(String::from_utf8_lossy(code).into_owned())
                .or_default() += 1;
        }
    }

    /// Clears the counters CONFIG RESETSTAT clears.
    pub fn reset(&mut self) {
        let blocked = self.blocked_clients;
        *self = Stats::default();
        self.blocked_clients = blocked;
    }
}
