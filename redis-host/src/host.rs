//! The seam between the scripting host and the server that stores the data.
//!
//! The host never touches keys itself: `redis.call` goes through [`CommandHost`],
//! which the server implements with the same command table its clients use, so a
//! command behaves the same from a script and from a client.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use crate::reply::Reply;

/// The command flags that matter to scripts (Redis's `CMD_*`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommandFlags {
    /// Writes to the keyspace (`write`).
    pub write: bool,
    /// May replicate without writing, such as PUBLISH (`may_replicate`).
    pub may_replicate: bool,
    /// Not callable from scripts: blocking and administrative commands,
    /// transactions, the scripting commands themselves (`noscript`).
    pub noscript: bool,
    /// Refused over `maxmemory` (`denyoom`).
    pub deny_oom: bool,
}

/// Why a command could not be found for a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupError {
    /// No such command (or subcommand).
    Unknown,
    /// The command exists but the argument count does not fit its arity.
    WrongArity,
}

/// Why ACL refused a command (Redis's `ACL_DENIED_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AclDenied {
    /// The user may not run the command.
    Command,
    /// The user may not touch one of the keys.
    Key,
    /// The user may not use the channel.
    Channel,
}

impl AclDenied {
    /// The error a script gets (without the `ERR` code).
    pub fn script_message(self) -> &'static str {
        match self {
            AclDenied::Command => {
                "The user executing the script can't run this command or subcommand"
            }
            AclDenied::Key => {
                "The user executing the script can't access at least one of the keys mentioned in the command"
            }
            AclDenied::Channel => {
                "The user executing the script can't publish to the channel mentioned in the command"
            }
        }
    }
}

/// Severity of `redis.log`, as `LOG_DEBUG` .. `LOG_WARNING`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogLevel {
    /// `redis.LOG_DEBUG`
    Debug,
    /// `redis.LOG_VERBOSE`
    Verbose,
    /// `redis.LOG_NOTICE`
    Notice,
    /// `redis.LOG_WARNING`
    Warning,
}

/// What the scripting host needs from the server.
pub trait CommandHost {
    /// Finds the command `argv` names (its subcommand included) and checks its
    /// arity.
    fn lookup(&self, argv: &[Vec<u8>]) -> Result<CommandFlags, LookupError>;

    /// Whether the user running the script may run `argv`.
    fn acl_check(&self, argv: &[Vec<u8>]) -> Result<(), AclDenied>;

    /// Runs `argv`, which passed every check, as a call from the script,
    /// answering in RESP `protocol` (2 or 3, as `redis.setresp` chose).
    fn call(&mut self, argv: &[Vec<u8>], protocol: u8) -> Reply;

    /// Whether memory is over `maxmemory` (after trying to evict).
    fn over_memory_limit(&mut self) -> bool;

    /// The flag SCRIPT KILL / FUNCTION KILL set to stop the running script.
    fn interrupt_flag(&self) -> Arc<AtomicBool>;

    /// Records that the running script wrote (which makes it unkillable in Redis).
    fn mark_wrote(&mut self);

    /// The running script was killed (SCRIPT KILL / FUNCTION KILL): a host that keeps
    /// an undo log takes its writes back here, before the caller gets the error.
    fn script_killed(&mut self) {}

    /// Writes `msg` to the server log (`redis.log`).
    fn log(&mut self, level: LogLevel, msg: &[u8]);
}
