//! The seam between the scripting host and the server that stores the data.
//!
//! The host never touches keys itself: `redis.call` goes through [`CommandHost`],
//! which the server implements with the same command table its clients use, so a
//! command behaves the same from a script and from a client.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use bytes::Bytes;

use crate::reply::Reply;

/// What scripts check of a command before running it: its arity and the
/// flags that matter to them (Redis's `CMD_*`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommandFlags {
    /// Redis arity: the exact argument count (name included) when positive,
    /// the minimum when negative.
    pub arity: i64,
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

impl CommandFlags {
    /// Whether `argc` arguments (name included) fit the arity.
    pub fn arity_ok(&self, argc: usize) -> bool {
        arity_ok(self.arity, argc)
    }
}

/// Whether `argc` arguments (name included) fit a Redis arity: exactly `arity` when it
/// is positive, at least `-arity` when it is negative.
pub fn arity_ok(arity: i64, argc: usize) -> bool {
    let argc = argc as i64;
    if arity >= 0 {
        argc == arity
    } else {
        argc >= -arity
    }
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
    pub const fn script_message(self) -> &'static str {
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
    /// A command [`CommandHost::lookup`] found, which the checks and the call
    /// that follow take instead of finding it again.
    type Command;

    /// Finds the command `argv` names (its subcommand included), if any.
    fn lookup(&self, argv: &[Bytes]) -> Option<(Self::Command, CommandFlags)>;

    /// Whether the user running the script may run `cmd` with `argv`.
    fn acl_check(&self, cmd: &Self::Command, argv: &[Bytes]) -> Result<(), AclDenied>;

    /// Runs `cmd` with `argv`, which passed every check, as a call from the
    /// script, answering in RESP `protocol` (2 or 3, as `redis.setresp` chose).
    fn call(&mut self, cmd: &Self::Command, argv: &[Bytes], protocol: u8) -> Reply;

    /// Counts a call the checks refused (scriptCall's error path): `error`
    /// (`CODE msg`) in the error statistics, and a rejected call of `cmd` when
    /// the command was found.
    fn rejected(&mut self, cmd: Option<&Self::Command>, argv: &[Bytes], error: &[u8]);

    /// The script's error reply repeats an error a `redis.call` already
    /// counted (Redis's `ignore_error_stats_update`): it counts as a failed
    /// call of the script's command but not again in the error statistics.
    fn reply_error_counted(&mut self);

    /// Whether memory is over `maxmemory` (after trying to evict).
    fn over_memory_limit(&mut self) -> bool;

    /// The flag SCRIPT KILL / FUNCTION KILL set to stop the running script.
    fn interrupt_flag(&self) -> Arc<AtomicBool>;

    /// What to run at a script's periodic checkpoints (every few thousand VM steps,
    /// and as builtins charge their work); returning false interrupts the script. The
    /// engine asks once and keeps the hook for its later runs. A server uses it to go
    /// on serving other clients once a script has run long. None by default.
    fn checkpoint_hook(&self) -> Option<Box<dyn FnMut() -> bool>> {
        None
    }

    /// Records that the running script wrote (which makes it unkillable in Redis).
    fn mark_wrote(&mut self);

    /// The running script was killed (SCRIPT KILL / FUNCTION KILL): a host that keeps
    /// an undo log takes its writes back here, before the caller gets the error.
    fn script_killed(&mut self) {}

    /// Writes `msg` to the server log (`redis.log`).
    fn log(&mut self, level: LogLevel, msg: &[u8]);
}
