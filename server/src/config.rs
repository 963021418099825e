//! Server configuration: command-line flags and the parameters of CONFIG GET / SET.

use std::collections::BTreeMap;

/// What happens when memory is over `maxmemory`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvictionPolicy {
    /// Refuse writes.
    NoEviction,
    /// Evict the least recently used key.
    AllKeysLru,
    /// Evict the least recently used key with a TTL.
    VolatileLru,
    /// Evict a random key.
    AllKeysRandom,
    /// Evict a random key with a TTL.
    VolatileRandom,
    /// Evict the key with a TTL closest to expiring.
    VolatileTtl,
    /// LFU policies, approximated by LRU.
    AllKeysLfu,
    /// LFU policies among keys with a TTL, approximated by LRU.
    VolatileLfu,
}

const POLICIES: [(&str, EvictionPolicy); 8] = [
    ("volatile-lru", EvictionPolicy::VolatileLru),
    ("volatile-lfu", EvictionPolicy::VolatileLfu),
    ("volatile-random", EvictionPolicy::VolatileRandom),
    ("volatile-ttl", EvictionPolicy::VolatileTtl),
    ("allkeys-lru", EvictionPolicy::AllKeysLru),
    ("allkeys-lfu", EvictionPolicy::AllKeysLfu),
    ("allkeys-random", EvictionPolicy::AllKeysRandom),
    ("noeviction", EvictionPolicy::NoEviction),
];

impl EvictionPolicy {
    /// The policy's configuration name.
    pub fn name(self) -> &'static str {
        POLICIES
            .iter()
            .find(|(_, p)| *p == self)
            .map(|(n, _)| *n)
            .unwrap_or("noeviction")
    }

    /// The policy called `name`.
    pub fn from_name(name: &str) -> Option<EvictionPolicy> {
        POLICIES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, p)| *p)
    }
}

/// The server configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// TCP port (0 picks a free one).
    pub port: u16,
    /// Address to listen on.
    pub bind: String,
    /// Password of the default user.
    pub requirepass: Option<String>,
    /// Most clients connected at once.
    pub maxclients: usize,
    /// Milliseconds after which a running script makes the server answer `-BUSY`.
    pub busy_reply_threshold_ms: i64,
    /// Number of databases.
    pub databases: usize,
    /// Memory limit in bytes (0: none).
    pub maxmemory: u64,
    /// What to do over the limit.
    pub maxmemory_policy: EvictionPolicy,
    /// Keys sampled per eviction.
    pub maxmemory_samples: u64,
    /// Largest bulk string a client may send.
    pub proto_max_bulk_len: i64,
    /// Largest sparse HyperLogLog in bytes before it becomes dense.
    pub hll_sparse_max_bytes: u64,
    /// Commands slower than this many microseconds enter the slow log (negative: none).
    pub slowlog_log_slower_than: i64,
    /// Most entries the slow log keeps.
    pub slowlog_max_len: usize,
    /// Who may run DEBUG: `no`, `yes` or `local` (loopback clients only).
    pub enable_debug_command: String,
    /// Most bytes each Lua engine (EVAL's, FUNCTION's) may hold; a script that needs
    /// more ends with `not enough memory` (`lua-memory-limit`).
    pub lua_memory_limit: u64,
    /// Whether SCRIPT KILL / FUNCTION KILL may stop a script that wrote, undoing its
    /// writes (`script-kill-rollback`); `no` answers `-UNKILLABLE` as Redis does.
    pub script_kill_rollback: bool,
    /// Most bytes a script's undo log may hold; past it the log is dropped and the
    /// script, once it wrote, cannot be killed (`script-kill-rollback-max-memory`).
    pub script_kill_rollback_max_memory: u64,
    /// Whether the server stops on SIGINT / SIGTERM (the binary wants it, tests do not).
    pub handle_signals: bool,
    /// Parameters accepted and reported but without effect here (save, appendonly...).
    pub passive: BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        let passive = [
            ("save", ""),
            ("appendonly", "no"),
            ("appendfsync", "everysec"),
            ("timeout", "0"),
            ("tcp-keepalive", "300"),
            ("loglevel", "notice"),
            ("daemonize", "no"),
            ("dir", "/"),
            ("dbfilename", "dump.rdb"),
            ("notify-keyspace-events", ""),
            ("hash-max-listpack-entries", "128"),
            ("hash-max-listpack-value", "64"),
            ("set-max-intset-entries", "512"),
            ("zset-max-listpack-entries", "128"),
            ("zset-max-listpack-value", "64"),
            ("list-max-listpack-size", "-2"),
            ("list-compress-depth", "0"),
            ("lazyfree-lazy-user-del", "no"),
            ("lazyfree-lazy-user-flush", "no"),
            ("lfu-log-factor", "10"),
            ("lfu-decay-time", "1"),
            ("cluster-enabled", "no"),
            ("replica-read-only", "yes"),
            ("stream-node-max-entries", "100"),
            ("stream-node-max-bytes", "4096"),
            ("maxmemory-eviction-tenacity", "10"),
            ("maxmemory-clients", "0"),
            ("active-expire-effort", "1"),
            ("hz", "10"),
            ("io-threads", "1"),
            ("protected-mode", "yes"),
            ("tcp-backlog", "511"),
            ("latency-tracking", "yes"),
            ("lua-replicate-commands", "yes"),
        ];
        Config {
            port: 6379,
            bind: "127.0.0.1".to_string(),
            requirepass: None,
            maxclients: 10000,
            busy_reply_threshold_ms: 5000,
            databases: 16,
            maxmemory: 0,
            maxmemory_policy: EvictionPolicy::NoEviction,
            maxmemory_samples: 5,
            proto_max_bulk_len: 512 * 1024 * 1024,
            hll_sparse_max_bytes: 3000,
            slowlog_log_slower_than: 10_000,
            slowlog_max_len: 128,
            enable_debug_command: "no".to_string(),
            lua_memory_limit: 1024 * 1024 * 1024,
            script_kill_rollback: true,
            script_kill_rollback_max_memory: 256 * 1024 * 1024,
            handle_signals: false,
            passive: passive
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

/// Aliases of parameters (old name, current name).
const ALIASES: [(&str, &str); 5] = [
    ("lua-time-limit", "busy-reply-threshold"),
    ("hash-max-ziplist-entries", "hash-max-listpack-entries"),
    ("hash-max-ziplist-value", "hash-max-listpack-value"),
    ("zset-max-ziplist-entries", "zset-max-listpack-entries"),
    ("zset-max-ziplist-value", "zset-max-listpack-value"),
];

/// Parameters fixed at startup. (Redis 7 can rebind `port` and `bind` at runtime;
/// redmoon cannot, so it refuses them the same way.)
const IMMUTABLE: [&str; 7] = [
    "enable-debug-command",
    "port",
    "bind",
    "databases",
    "daemonize",
    "cluster-enabled",
    "io-threads",
];

/// `n` when it is at least `min`, else Redis's range error.
fn at_least(n: i64, min: i64) -> Result<i64, String> {
    if n < min {
        return Err(format!(
            "argument must be between {min} and {} inclusive",
            i64::MAX
        ));
    }
    Ok(n)
}

/// Parses a memory amount (`100`, `1kb`, `2mb`, `1gb`, `1k`...) like Redis's memtoull.
pub fn parse_memory(s: &str) -> Option<u64> {
    let lower = s.to_ascii_lowercase();
    let split = lower
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(lower.len());
    let (digits, unit) = lower.split_at(split);
    let mul: u64 = match unit {
        "" | "b" => 1,
        "k" => 1000,
        "kb" => 1024,
        "m" => 1000 * 1000,
        "mb" => 1024 * 1024,
        "g" => 1000 * 1000 * 1000,
        "gb" => 1024 * 1024 * 1024,
        _ => return None,
    };
    digits.parse::<u64>().ok()?.checked_mul(mul)
}

/// A boolean parameter's value as Redis prints it.
fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A boolean parameter (`yes` / `no`, any case), as Redis's bool configs take it.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("yes") {
        Some(true)
    } else if s.eq_ignore_ascii_case("no") {
        Some(false)
    } else {
        None
    }
}

impl Config {
    /// Every parameter name CONFIG GET knows, current names and aliases.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = [
            "port",
            "bind",
            "requirepass",
            "maxclients",
            "busy-reply-threshold",
            "databases",
            "maxmemory",
            "maxmemory-policy",
            "maxmemory-samples",
            "proto-max-bulk-len",
            "hll-sparse-max-bytes",
            "slowlog-log-slower-than",
            "slowlog-max-len",
            "enable-debug-command",
            "lua-memory-limit",
            "script-kill-rollback",
            "script-kill-rollback-max-memory",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        names.extend(self.passive.keys().cloned());
        names.extend(ALIASES.iter().map(|(a, _)| a.to_string()));
        names
    }

    fn canonical(name: &str) -> String {
        let lower = name.to_ascii_lowercase();
        ALIASES
            .iter()
            .find(|(a, _)| *a == lower)
            .map(|(_, c)| c.to_string())
            .unwrap_or(lower)
    }

    /// The value of a parameter, by name or alias.
    pub fn get(&self, name: &str) -> Option<String> {
        Some(match Config::canonical(name).as_str() {
            "port" => self.port.to_string(),
            "bind" => self.bind.clone(),
            "requirepass" => self.requirepass.clone().unwrap_or_default(),
            "maxclients" => self.maxclients.to_string(),
            "busy-reply-threshold" => self.busy_reply_threshold_ms.to_string(),
            "databases" => self.databases.to_string(),
            "maxmemory" => self.maxmemory.to_string(),
            "maxmemory-policy" => self.maxmemory_policy.name().to_string(),
            "maxmemory-samples" => self.maxmemory_samples.to_string(),
            "proto-max-bulk-len" => self.proto_max_bulk_len.to_string(),
            "hll-sparse-max-bytes" => self.hll_sparse_max_bytes.to_string(),
            "slowlog-log-slower-than" => self.slowlog_log_slower_than.to_string(),
            "slowlog-max-len" => self.slowlog_max_len.to_string(),
            "enable-debug-command" => self.enable_debug_command.clone(),
            "lua-memory-limit" => self.lua_memory_limit.to_string(),
            "script-kill-rollback" => yes_no(self.script_kill_rollback).to_string(),
            "script-kill-rollback-max-memory" => self.script_kill_rollback_max_memory.to_string(),
            other => self.passive.get(other)?.clone(),
        })
    }

    /// Whether `name` (any case, or an alias) is a parameter.
    pub fn is_known(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Whether `name` is a parameter fixed at startup.
    pub fn is_immutable(name: &str) -> bool {
        IMMUTABLE.contains(&Config::canonical(name).as_str())
    }

    /// Sets a parameter; the error is Redis's reason text.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let int = |v: &str| {
            v.parse::<i64>()
                .map_err(|_| "argument couldn't be parsed into an integer".to_string())
        };
        match Config::canonical(name).as_str() {
            "requirepass" => {
                self.requirepass = (!value.is_empty()).then(|| value.to_string());
            }
            "maxclients" => {
                let wanted = int(value)?.max(1) as u64;
                // More clients than descriptors would leave them waiting, not refused.
                if wanted > self.maxclients as u64 {
                    if let Some(limit) = open_files_limit() {
                        if wanted + RESERVED_FDS > limit {
                            return Err(format!(
                                "The operating system is not able to handle the specified \
                                 number of clients, try with {}",
                                limit.saturating_sub(RESERVED_FDS)
                            ));
                        }
                    }
                }
                self.maxclients = usize::try_from(wanted).unwrap_or(usize::MAX);
            }
            "busy-reply-threshold" => self.busy_reply_threshold_ms = int(value)?.max(0),
            "maxmemory" => {
                self.maxmemory = parse_memory(value)
                    .ok_or_else(|| "argument must be a memory value".to_string())?;
            }
            "maxmemory-policy" => {
                self.maxmemory_policy = EvictionPolicy::from_name(value).ok_or_else(|| {
                    let names: Vec<&str> = POLICIES.iter().map(|(n, _)| *n).collect();
                    format!(
                        "argument(s) must be one of the following: {}",
                        names.join(", ")
                    )
                })?;
            }
            "maxmemory-samples" => self.maxmemory_samples = int(value)?.clamp(1, 64) as u64,
            "proto-max-bulk-len" => {
                self.proto_max_bulk_len = parse_memory(value)
                    .ok_or_else(|| "argument must be a memory value".to_string())?
                    as i64;
            }
            "hll-sparse-max-bytes" => {
                self.hll_sparse_max_bytes = parse_memory(value)
                    .ok_or_else(|| "argument must be a memory value".to_string())?;
            }
            "slowlog-log-slower-than" => {
                self.slowlog_log_slower_than = at_least(int(value)?, -1)?;
            }
            "slowlog-max-len" => self.slowlog_max_len = at_least(int(value)?, 0)? as usize,
            "lua-memory-limit" => {
                self.lua_memory_limit = parse_memory(value)
                    .ok_or_else(|| "argument must be a memory value".to_string())?;
            }
            "script-kill-rollback-max-memory" => {
                self.script_kill_rollback_max_memory = parse_memory(value)
                    .ok_or_else(|| "argument must be a memory value".to_string())?;
            }
            "script-kill-rollback" => {
                self.script_kill_rollback = parse_yes_no(value)
                    .ok_or_else(|| "argument must be 'yes' or 'no'".to_string())?;
            }
            other => match self.passive.get_mut(other) {
                Some(v) => *v = value.to_string(),
                None => return Err("unknown".to_string()),
            },
        }
        Ok(())
    }
}

/// Descriptors Redis keeps for itself besides clients (listeners, logs, files).
pub const RESERVED_FDS: u64 = 32;

/// The soft limit on open files of this process, where the OS says it (Linux).
pub fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}
