//! The engine-neutral run context of one script or function call (Redis's
//! script.c): its flags, and the checks every `redis.call` goes through.

use std::sync::{Arc, Mutex};

use bytes::Bytes;

use crate::convert::error_text;
use crate::host::{CommandFlags, CommandHost};
use crate::reply::Reply;

/// Flags a script declares in its shebang (or a function at registration).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptFlags {
    /// No shebang: the pre-7.0 "compat mode" semantics.
    pub compat: bool,
    /// `no-writes`
    pub no_writes: bool,
    /// `allow-oom`
    pub allow_oom: bool,
    /// `allow-stale`
    pub allow_stale: bool,
    /// `no-cluster`
    pub no_cluster: bool,
    /// `allow-cross-slot-keys`
    pub allow_cross_slot_keys: bool,
}

impl ScriptFlags {
    /// Parses one flag name, as shebangs and `register_function` spell them.
    pub fn set(&mut self, name: &[u8]) -> bool {
        match name {
            b"no-writes" => self.no_writes = true,
            b"allow-oom" => self.allow_oom = true,
            b"allow-stale" => self.allow_stale = true,
            b"no-cluster" => self.no_cluster = true,
            b"allow-cross-slot-keys" => self.allow_cross_slot_keys = true,
            _ => return false,
        }
        true
    }

    /// The flag names set, in Redis's order (for FUNCTION LIST).
    pub fn names(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (on, name) in [
            (self.no_writes, "no-writes"),
            (self.allow_oom, "allow-oom"),
            (self.allow_stale, "allow-stale"),
            (self.no_cluster, "no-cluster"),
            (self.allow_cross_slot_keys, "allow-cross-slot-keys"),
        ] {
            if on {
                out.push(name);
            }
        }
        out
    }
}

/// The state of the running script that `redis.*` functions consult.
pub struct RunContext<H> {
    /// The server, while a script runs.
    pub host: Option<H>,
    /// The RESP version the script speaks (`redis.setresp`), 2 at each start.
    pub resp: u8,
    /// Writes (and may-replicate commands) are refused.
    pub read_only: bool,
    /// Denied-OOM commands run even over `maxmemory`.
    pub allow_oom: bool,
    /// Memory was over `maxmemory` when the script started.
    pub oom_at_start: bool,
    /// The script already wrote.
    pub wrote: bool,
}

impl<H> Default for RunContext<H> {
    fn default() -> Self {
        RunContext {
            host: None,
            resp: 2,
            read_only: false,
            allow_oom: false,
            oom_at_start: false,
            wrote: false,
        }
    }
}

/// The error for a command the host does not know.
const UNKNOWN_COMMAND: &[u8] = b"Unknown Redis command called from script";

impl<H: CommandHost> RunContext<H> {
    /// Runs a command for the script after Redis's checks (scriptCall). An
    /// `Err` is the error `redis.call` raises (`-CODE msg` or a bare `msg`),
    /// already counted in the host's statistics.
    pub fn call(&mut self, argv: &[Bytes]) -> Result<Reply, Vec<u8>> {
        let Some(host) = self.host.as_ref() else {
            return Err(b"redis.call is only available while a script runs".to_vec());
        };
        let found = host.lookup(argv);
        let refusal = match &found {
            None => Some(UNKNOWN_COMMAND),
            Some((cmd, flags)) => self.refusal(host, cmd, *flags, argv),
        };
        let Some(host) = self.host.as_mut() else {
            return Err(b"redis.call is only available while a script runs".to_vec());
        };
        let (cmd, flags) = match found {
            Some(found) if refusal.is_none() => found,
            found => {
                let msg = refusal.unwrap_or(UNKNOWN_COMMAND);
                host.rejected(found.as_ref().map(|(cmd, _)| cmd), argv, &error_text(msg));
                return Err(msg.to_vec());
            }
        };
        if flags.write {
            self.wrote = true;
            host.mark_wrote();
        }
        Ok(host.call(&cmd, argv, self.resp))
    }

    /// Why scriptCall refuses to run `cmd`, in Redis's order of checks.
    fn refusal(
        &self,
        host: &H,
        cmd: &H::Command,
        flags: CommandFlags,
        argv: &[Bytes],
    ) -> Option<&'static [u8]> {
        if !flags.arity_ok(argv.len()) {
            return Some(b"Wrong number of args calling Redis command from script");
        }
        if flags.noscript {
            return Some(b"This Redis command is not allowed from script");
        }
        if let Err(denied) = host.acl_check(cmd, argv) {
            return Some(denied.script_message().as_bytes());
        }
        if self.read_only && (flags.write || flags.may_replicate) {
            return Some(b"Write commands are not allowed from read-only scripts.");
        }
        if !self.allow_oom && !self.wrote && self.oom_at_start && flags.deny_oom {
            return Some(b"-OOM command not allowed when used memory > 'maxmemory'.");
        }
        None
    }
}

/// What INFO reports about the engines. The engines keep it current in a
/// shared cell, so it can be read while a script runs (INFO from a script).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct EngineStats {
    /// Bytes held by the EVAL Lua state.
    pub eval_memory: usize,
    /// Cached EVAL scripts.
    pub eval_scripts: usize,
    /// Bytes of the cached script bodies.
    pub eval_body_bytes: usize,
    /// Bytes held by the functions Lua state.
    pub functions_memory: usize,
    /// Registered functions.
    pub functions: usize,
    /// Loaded libraries.
    pub libraries: usize,
}

/// What the two engines of one server share: the figures INFO reports and
/// Redis's PRNG.
#[derive(Debug, Clone, Default)]
pub struct EngineShared {
    /// The engines' figures.
    pub stats: SharedStats,
    /// `math.random`'s generator.
    pub rand: crate::sandbox::SharedRand,
}

/// The figures both engines update, readable from any thread (INFO runs wherever
/// the server runs a batch, and while a script runs).
#[derive(Debug, Clone, Default)]
pub struct SharedStats(Arc<Mutex<EngineStats>>);

impl SharedStats {
    /// The current figures.
    pub fn get(&self) -> EngineStats {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Replaces the figures.
    pub fn set(&self, stats: EngineStats) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = stats;
    }
}
