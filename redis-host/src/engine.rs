//! One Lua engine: the sandboxed state, its `redis` table, and running a
//! compiled script or function with Redis's error reporting.

use std::cell::RefCell;
use std::rc::Rc;

use lua_core::{Lua, LuaError, State, Value};

use crate::context::RunContext;
use crate::convert::{get_field, lua_to_reply, map_newlines, set_field};
use crate::host::CommandHost;
use crate::lua_api::{redis_table, ApiKind, SharedContext};
use crate::reply::Reply;
use crate::sandbox;

/// What a run needs besides the host: the checks' flags, and names for
/// error messages.
#[derive(Debug, Clone, Copy)]
pub struct RunSetup<'a> {
    /// Refuse writes (`no-writes`, or a `*_RO` command).
    pub read_only: bool,
    /// Allow denied-OOM commands over `maxmemory`.
    pub allow_oom: bool,
    /// Memory was over `maxmemory` at the start.
    pub oom_at_start: bool,
    /// The script's name in errors: its SHA1, or the function name.
    pub name: &'a str,
}

/// A Lua state with the sandbox and the `redis` table of one kind.
pub struct LuaEngine<H> {
    /// The interpreter.
    pub lua: Lua,
    /// The run context the `redis.*` natives consult.
    pub ctx: SharedContext<H>,
}

impl<H: CommandHost + 'static> LuaEngine<H> {
    /// A fresh engine whose globals (and everything reachable from them) are
    /// read-only, and whose undefined globals raise Redis's error.
    pub fn new(kind: ApiKind, rand: sandbox::SharedRand) -> LuaEngine<H> {
        let mut lua = sandbox::new_state(rand);
        let ctx = Rc::new(RefCell::new(RunContext::default()));
        let redis = redis_table(&mut lua.state, &ctx, kind);
        lua.set_global("redis", Value::Table(redis));
        if kind == ApiKind::Eval {
            // EVAL's state keeps Redis's error handler as a global.
            lua.register("__redis__err__handler", error_handler);
        }
        let g = lua.state.globals;
        sandbox::set_error_metatable(&mut lua.state, g);
        sandbox::protect_recursively(&mut lua.state, g);
        LuaEngine { lua, ctx }
    }

    /// Limits the bytes the state may hold: a script that needs more ends with
    /// Lua's `not enough memory` error, and the engine stays usable.
    pub fn set_memory_limit(&mut self, bytes: usize) {
        self.lua.set_memory_limit(Some(bytes));
    }

    /// Calls `f(args)` with `host` serving `redis.call`; returns the host and
    /// the reply for a client speaking `client_protocol`.
    pub fn run(&mut self, host: H, f: Value, args: &[Value], setup: RunSetup) -> (H, Reply) {
        self.lua.state.interrupt = host.interrupt_flag();
        if self.lua.state.hook.is_none() {
            // Made once and kept from run to run (no allocation per script); FUNCTION
            // LOAD's timeout hook replaces it while a library loads, and the next run
            // asks again.
            self.lua.state.hook = host.checkpoint_hook();
        }
        {
            let mut c = self.ctx.borrow_mut();
            *c = RunContext {
                host: Some(host),
                read_only: setup.read_only,
                allow_oom: setup.allow_oom,
                oom_at_start: setup.oom_at_start,
                ..RunContext::default()
            };
        }
        let (reply, counted) = match self.lua.state.call_value_first(f, args) {
            Ok(v) => {
                let resp = self.ctx.borrow().resp;
                let counted = stats_counted(&mut self.lua.state, v);
                (lua_to_reply(&mut self.lua.state, v, resp), counted)
            }
            Err(e) => {
                if matches!(e, LuaError::Interrupted) {
                    if let Some(host) = self.ctx.borrow_mut().host.as_mut() {
                        host.script_killed();
                    }
                }
                let counted =
                    matches!(e, LuaError::Runtime(v) if stats_counted(&mut self.lua.state, v));
                let reply = error_reply(&mut self.lua.state, e, setup.name);
                self.lua.state.reset_after_error();
                self.reclaim_after_error();
                (reply, counted)
            }
        };
        // The server may run the next script on another thread.
        self.lua.state.account_table_growth();
        // Only `run` puts the host in the context and takes it out.
        let mut host = self.ctx.borrow_mut().host.take();
        if counted && reply.is_error() {
            if let Some(host) = host.as_mut() {
                host.reply_error_counted();
            }
        }
        (
            host.expect("the host stays in the context during a run"),
            reply,
        )
    }
}

impl<H> LuaEngine<H> {
    /// After a failed run, collects the garbage it left when that is more than half
    /// the memory limit: natives check their allocations against the heap's count
    /// without collecting first, so the next script would otherwise fail too.
    fn reclaim_after_error(&mut self) {
        let Some(limit) = self.lua.state.memory_limit else {
            return;
        };
        if self.lua.memory_used() > limit / 2 {
            // A collection only fails when a finalizer does; the sandbox has none.
            let _ = self.lua.collect_garbage();
        }
    }
}

/// The field Redis adds to the error tables of `redis.call` errors, which
/// the statistics already counted.
pub const STATS_COUNTED_FIELD: &str = "ignore_error_stats_update";

/// Whether `v` is an error table marked as already counted.
fn stats_counted(s: &mut State, v: Value) -> bool {
    match v {
        Value::Table(t) => matches!(get_field(s, t, STATS_COUNTED_FIELD), Value::Boolean(true)),
        _ => false,
    }
}

/// `__redis__err__handler(err)`: the error as Redis's table, with the
/// caller's position.
fn error_handler(s: &mut State, _nargs: usize) -> Result<usize, LuaError> {
    let err = s.arg(1);
    let t = match err {
        Value::Table(t) => t,
        v => {
            let text = s.tostring(v)?;
            let msg = s.str_value(&[b"ERR ".as_slice(), &text].concat());
            let t = s.heap.new_table(0, 3);
            set_field(s, t, "err", msg);
            t
        }
    };
    if let Some((source, line)) = raise_position(s) {
        let source = s.str_value(&source);
        set_field(s, t, "source", source);
        set_field(s, t, "line", Value::Number(f64::from(line)));
    }
    s.push(Value::Table(t));
    Ok(1)
}

/// Where the error was raised, as Redis's error handler finds it: the
/// function that raised, or its caller when that was a native
/// (`debug.getinfo(2)`, else `getinfo(3)`).
fn raise_position(s: &State) -> Option<(Vec<u8>, u32)> {
    let mut i = s.frames.len().checked_sub(1)?;
    if s.frame_proto(i).is_none() {
        i = i.checked_sub(1)?;
    }
    let frame = &s.frames[i];
    let p = s.frame_proto(i)?;
    let line = p.info.line_info.get(frame.pc).copied().unwrap_or(0);
    Some((p.info.source.to_vec(), line))
}

/// The error text a failed call leaves (`CODE msg`), as Redis's error
/// handler builds it: a raised error table keeps its `err`, anything else
/// becomes `ERR <tostring(value)>`.
pub fn error_message(s: &mut State, e: LuaError) -> Vec<u8> {
    match e {
        // Redis's handler stores the position into the raised table, which
        // fails for a read-only one (a library table): that error wins.
        LuaError::Runtime(Value::Table(t)) if s.heap.table(t).readonly => {
            b"ERR err_handler_def:10: Attempt to modify a readonly table".to_vec()
        }
        LuaError::Runtime(Value::Table(t)) => match get_field(s, t, "err") {
            v @ (Value::String(_) | Value::Number(_)) => s.raw_tostring(v),
            // Redis 7.0.15 crashes on such tables; say what happened instead.
            _ => b"ERR an error object without a string 'err' field was raised".to_vec(),
        },
        LuaError::Runtime(v) => {
            let text = match s.tostring(v) {
                Ok(t) => t,
                Err(_) => s.raw_tostring(v),
            };
            [b"ERR ".as_slice(), &text].concat()
        }
        LuaError::Interrupted | LuaError::BudgetExhausted => {
            b"ERR Script killed by user with SCRIPT KILL...".to_vec()
        }
        LuaError::Yield => b"ERR attempt to yield across a C-call boundary".to_vec(),
    }
}

/// The error reply for a failed run: `-<err> script: <name>, on <source>:<line>.`
pub fn error_reply(s: &mut State, e: LuaError, name: &str) -> Reply {
    let position = match e {
        LuaError::Runtime(Value::Table(t)) if s.heap.table(t).readonly => {
            Some((b"@err_handler_def".to_vec(), 10))
        }
        _ => raise_position(s),
    };
    let mut out = error_message(s, e);
    if let Some((source, line)) = position {
        out.extend_from_slice(b" script: ");
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b", on ");
        out.extend_from_slice(&source);
        out.extend_from_slice(format!(":{line}.").as_bytes());
    }
    Reply::Error(map_newlines(&out))
}
