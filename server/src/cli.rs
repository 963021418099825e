//! The `redmoon-server` command line: flags, logging, and running until shutdown.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use crate::config::{parse_memory, Config, EvictionPolicy};
use crate::server::Server;

/// Command-line flags (names as in redis.conf).
#[derive(Debug, Parser)]
#[command(
    name = "redmoon-server",
    version,
    about = "A Redis 7.0 compatible server"
)]
pub struct Flags {
    /// TCP port to listen on.
    #[arg(long, default_value_t = 6379)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Password of the default user.
    #[arg(long)]
    pub requirepass: Option<String>,
    /// Most clients connected at once.
    #[arg(long, default_value_t = 10000)]
    pub maxclients: usize,
    /// Milliseconds after which a running script makes the server answer -BUSY.
    #[arg(
        long = "busy-reply-threshold",
        visible_alias = "lua-time-limit",
        default_value_t = 5000
    )]
    pub busy_reply_threshold: i64,
    /// Number of databases.
    #[arg(long, default_value_t = 16)]
    pub databases: usize,
    /// Memory limit (bytes, or with a unit: 100mb, 1gb).
    #[arg(long, default_value = "0")]
    pub maxmemory: String,
    /// What to do over the memory limit.
    #[arg(long = "maxmemory-policy", default_value = "noeviction")]
    pub maxmemory_policy: String,
    /// Who may run DEBUG: no, yes, or local (clients on loopback).
    #[arg(long = "enable-debug-command", default_value = "no", value_parser = ["no", "yes", "local"])]
    pub enable_debug_command: String,
    /// Most bytes each Lua engine may hold (bytes, or with a unit: 256mb, 1gb).
    #[arg(long = "lua-memory-limit", default_value = "1gb")]
    pub lua_memory_limit: String,
    /// Whether SCRIPT KILL may stop a script that wrote, rolling its writes back
    /// (no: answer -UNKILLABLE, as Redis does).
    #[arg(long = "script-kill-rollback", default_value = "yes", value_parser = ["yes", "no"])]
    pub script_kill_rollback: String,
    /// Most bytes a script's undo log may hold (past it, the script cannot be killed
    /// once it wrote).
    #[arg(long = "script-kill-rollback-max-memory", default_value = "256mb")]
    pub script_kill_rollback_max_memory: String,
}

impl Flags {
    /// The configuration these flags describe.
    pub fn config(&self) -> Result<Config, String> {
        Ok(Config {
            port: self.port,
            bind: self.bind.clone(),
            requirepass: self.requirepass.clone().filter(|p| !p.is_empty()),
            maxclients: self.maxclients.max(1),
            busy_reply_threshold_ms: self.busy_reply_threshold.max(0),
            databases: self.databases.clamp(1, 1 << 20),
            maxmemory: parse_memory(&self.maxmemory)
                .ok_or_else(|| format!("invalid --maxmemory '{}'", self.maxmemory))?,
            maxmemory_policy: EvictionPolicy::from_name(&self.maxmemory_policy)
                .ok_or_else(|| format!("invalid --maxmemory-policy '{}'", self.maxmemory_policy))?,
            enable_debug_command: self.enable_debug_command.clone(),
            lua_memory_limit: parse_memory(&self.lua_memory_limit)
                .ok_or_else(|| format!("invalid --lua-memory-limit '{}'", self.lua_memory_limit))?,
            script_kill_rollback: self.script_kill_rollback == "yes",
            script_kill_rollback_max_memory: parse_memory(&self.script_kill_rollback_max_memory)
                .ok_or_else(|| {
                    format!(
                        "invalid --script-kill-rollback-max-memory '{}'",
                        self.script_kill_rollback_max_memory
                    )
                })?,
            handle_signals: true,
            ..Config::default()
        })
    }
}

/// Runs the server from the command line until it shuts down.
pub fn run() -> ExitCode {
    let flags = Flags::parse();
    // Logs go to stderr, with colors only when a person is watching it.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let config = match flags.config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("redmoon-server: {e}");
            return ExitCode::from(2);
        }
    };
    match Server::start(config) {
        Ok(server) => {
            server.wait();
            tracing::warn!("Redis is now ready to exit, bye bye...");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("redmoon-server: cannot start: {e}");
            ExitCode::FAILURE
        }
    }
}
