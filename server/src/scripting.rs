//! The scripting commands (EVAL, EVALSHA, SCRIPT, ...) from `redis-host`, installed
//! as extension handlers, and the [`CommandHost`] through which scripts call commands.
//!
//! The Lua engines live in the executor state ([`EngineSlot`]), so a script runs on
//! whichever thread holds the executor: usually the connection's own (no thread hop
//! per script, as in Redis). A script that runs past `busy-reply-threshold` on an I/O
//! worker hands that worker's other connections to a fresh thread
//! ([`crate::busy::BusyState::let_others_be_served`]), which answers them `-BUSY` and
//! takes SCRIPT KILL meanwhile. While a script runs, its `redis.call`s need the
//! executor: the handler moves the `Exec` into the [`ServerHost`] the engine holds for
//! the run (leaving a placeholder behind) and puts it back afterwards.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use bytes::Bytes;
use redis_host::context::EngineShared;
use redis_host::eval::{EvalKind, Scripts};
use redis_host::functions::Functions;
use redis_host::host::{AclDenied, CommandFlags, CommandHost, LogLevel};

use crate::busy::LongKind;
use crate::client::Client;
use crate::command::{flags, Command, CommandIndex, CommandTable};
use crate::config::Config;
use crate::executor::Exec;
use crate::reply::Reply;
use crate::undo::UndoLog;

/// The executor and the client a script's commands run as (boxed: the host moves
/// into the engine and back on every run).
pub struct ServerHost {
    exec: Box<Exec>,
    client: Box<Client>,
    /// The executor's command table, held apart so a found command can be used while
    /// the executor runs it.
    table: Arc<CommandTable>,
    /// What the script wrote, to take back if it is killed (`script-kill-rollback`).
    undo: Option<UndoLog>,
    /// The client's user may run everything: its calls skip the ACL check.
    unrestricted: bool,
}

/// A command a script's `redis.call` found: one with a handler, by its place in the
/// table, or else (a subcommand, a command without a handler) found again from argv.
pub enum ScriptCommand {
    /// The command at this place.
    At(CommandIndex),
    /// The command argv names.
    ByArgv,
}

/// Finds the command `argv` names as Redis's `lookupCommand` does for scripts.
fn find<'t>(table: &'t CommandTable, argv: &[Bytes]) -> Option<(ScriptCommand, &'t Command)> {
    let name = argv.first()?;
    if let Some(at) = table.position(name) {
        let cmd = table.at(at)?;
        if cmd.subcommands.is_empty() || argv.len() < 2 {
            return Some((ScriptCommand::At(at), cmd));
        }
    }
    let cmd = table.metadata(name)?;
    let cmd = match argv.get(1) {
        Some(sub) if !cmd.subcommands.is_empty() => {
            let sub = String::from_utf8_lossy(sub).to_ascii_lowercase();
            cmd.subcommands.get(&sub)?
        }
        _ => cmd,
    };
    Some((ScriptCommand::ByArgv, cmd))
}

/// The command `found` stands for.
fn resolve<'t>(
    table: &'t CommandTable,
    found: &ScriptCommand,
    argv: &[Bytes],
) -> Option<&'t Command> {
    match found {
        ScriptCommand::At(at) => table.at(*at),
        ScriptCommand::ByArgv => find(table, argv).map(|(_, cmd)| cmd),
    }
}

impl CommandHost for ServerHost {
    type Command = ScriptCommand;

    fn lookup(&self, argv: &[Bytes]) -> Option<(ScriptCommand, CommandFlags)> {
        let (found, cmd) = find(&self.table, argv)?;
        let flags = CommandFlags {
            arity: cmd.arity,
            write: cmd.has(flags::WRITE),
            // Redis 7.0 does not list may_replicate in COMMAND INFO for these.
            may_replicate: cmd.has(flags::MAY_REPLICATE)
                || matches!(cmd.name.as_str(), "publish" | "spublish" | "pfcount"),
            noscript: cmd.has(flags::NOSCRIPT),
            deny_oom: cmd.has(flags::DENYOOM),
        };
        Some((found, flags))
    }

    fn acl_check(&self, found: &ScriptCommand, argv: &[Bytes]) -> Result<(), AclDenied> {
        if self.unrestricted {
            return Ok(());
        }
        let Some(cmd) = resolve(&self.table, found, argv) else {
            return Ok(());
        };
        match self.exec.acl.check(&self.client.user, cmd, argv) {
            None => Ok(()),
            Some(Reply::Error(e)) if contains(&e, b"keys") => Err(AclDenied::Key),
            Some(Reply::Error(e)) if contains(&e, b"channel") => Err(AclDenied::Channel),
            Some(_) => Err(AclDenied::Command),
        }
    }

    fn call(&mut self, found: &ScriptCommand, argv: &[Bytes], protocol: u8) -> Reply {
        let Some(cmd) = resolve(&self.table, found, argv) else {
            return crate::executor::unknown_command(argv);
        };
        self.client.protocol = protocol;
        let Some(undo) = self.undo.as_mut().filter(|_| cmd.has(flags::WRITE)) else {
            return self.exec.call(&mut self.client, cmd, argv);
        };
        undo.save(&self.exec, &self.client, cmd, argv);
        let reply = self.exec.call(&mut self.client, cmd, argv);
        undo.ran(&self.exec, cmd, argv, !reply.is_error());
        reply
    }

    fn rejected(&mut self, found: Option<&ScriptCommand>, argv: &[Bytes], error: &[u8]) {
        self.exec.stats.count_error_text(error);
        if let Some(cmd) = found.and_then(|found| resolve(&self.table, found, argv)) {
            self.exec.stats.command(cmd.id, &cmd.name).rejected_calls += 1;
        }
    }

    fn reply_error_counted(&mut self) {
        self.exec.stats.reply_error_counted = true;
    }

    fn over_memory_limit(&mut self) -> bool {
        self.exec.config.maxmemory != 0
            && crate::maxmemory::free_memory_if_needed(&mut self.exec).is_some()
    }

    fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.exec.shared.busy.interrupt_flag()
    }

    fn mark_wrote(&mut self) {
        self.exec.shared.busy.mark_wrote();
    }

    /// Lets the other connections be served once the script has run past the busy
    /// threshold ([`crate::busy::BusyState::let_others_be_served`]).
    fn checkpoint_hook(&self) -> Option<Box<dyn FnMut() -> bool>> {
        let shared = Arc::clone(&self.exec.shared);
        // Builtins call the hook for every bit of work they charge: look at the clock
        // only every so often.
        let mut calls = 0u32;
        Some(Box::new(move || {
            calls = calls.wrapping_add(1);
            if calls.is_multiple_of(64) {
                shared.busy.let_others_be_served();
            }
            true
        }))
    }

    fn script_killed(&mut self) {
        if let Some(undo) = self.undo.as_mut() {
            undo.roll_back(&mut self.exec);
        }
    }

    fn log(&mut self, level: LogLevel, msg: &[u8]) {
        let msg = String::from_utf8_lossy(msg);
        match level {
            LogLevel::Debug => tracing::debug!("{msg}"),
            LogLevel::Verbose => tracing::trace!("{msg}"),
            LogLevel::Notice => tracing::info!("{msg}"),
            LogLevel::Warning => tracing::warn!("{msg}"),
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The engines of one server.
struct Engines {
    scripts: Scripts<ServerHost>,
    functions: Functions<ServerHost>,
    /// What runs are lent, made once.
    spare: Spare,
}

/// What a script's run is lent, kept from run to run.
#[derive(Default)]
struct Spare {
    /// What stands in the executor's place while a script holds it.
    exec: Option<Box<Exec>>,
    /// The client the script's commands run as. Scripts cannot run the commands that
    /// change a client's other state (CLIENT, HELLO, MULTI, WATCH, SUBSCRIBE are
    /// `noscript`), so each run sets only what comes from the caller.
    client: Option<Box<Client>>,
}

/// Where the executor keeps its Lua engines: made on first use, lent to the command
/// that runs a script, and back afterwards.
pub struct EngineSlot {
    engines: Lent,
    /// The engines' figures, readable while they run a script (INFO from a script).
    shared: EngineShared,
}

enum Lent {
    /// Not made yet.
    Unmade,
    /// Here.
    Ready(Box<Engines>),
    /// A command running a script holds them.
    InUse,
}

// SAFETY: the engines are single-threaded (`Rc` inside the Lua states, the shared
// PRNG and the run contexts), and every one of those `Rc`s is reachable only from
// this slot: the server never keeps a clone outside it (a run's host goes in and
// comes back out by value, replies come out as owned `Reply`s). The slot lives in
// the executor state and is only reached through `&mut Exec`, i.e. under the
// executor's mutex, by one thread at a time; moving the whole graph to the thread
// that holds the mutex next is then like moving an owned value. Nothing in the
// engines is tied to a thread: the one per-thread cell lua-core keeps (table growth
// not yet counted) only feeds memory accounting, and every run settles it before it
// ends (`LuaEngine::run`).
unsafe impl Send for EngineSlot {}

impl Default for EngineSlot {
    fn default() -> Self {
        EngineSlot {
            engines: Lent::Unmade,
            shared: EngineShared::default(),
        }
    }
}

/// Runs `f` with the executor's engines, limited to `lua-memory-limit` bytes each.
fn with_engines(ex: &mut Exec, f: impl FnOnce(&mut Exec, &mut Engines) -> Reply) -> Reply {
    let mut engines = match std::mem::replace(&mut ex.engines.engines, Lent::InUse) {
        Lent::Ready(engines) => engines,
        Lent::Unmade => {
            let shared = ex.engines.shared.clone();
            Box::new(Engines {
                scripts: Scripts::with_shared(shared.clone()),
                functions: Functions::with_shared(shared),
                spare: Spare::default(),
            })
        }
        Lent::InUse => {
            return Reply::error("ERR This Redis command is not allowed from script");
        }
    };
    let limit = usize::try_from(ex.config.lua_memory_limit).unwrap_or(usize::MAX);
    engines.scripts.set_memory_limit(limit);
    engines.functions.set_memory_limit(limit);
    let reply = f(ex, &mut engines);
    ex.engines.engines = Lent::Ready(engines);
    reply
}

/// The scripting lines of INFO's Memory section, as Redis 7.0 prints them.
pub fn info_memory(ex: &Exec) -> String {
    let s = ex.engines.shared.stats.get();
    let human = crate::cmd::server::human_bytes;
    let total = s.eval_memory + s.functions_memory;
    format!(
        "used_memory_lua:{lua}\r\nused_memory_vm_eval:{lua}\r\nused_memory_lua_human:{}\r\n\
         used_memory_scripts_eval:{}\r\nnumber_of_cached_scripts:{}\r\nnumber_of_functions:{}\r\n\
         number_of_libraries:{}\r\nused_memory_vm_functions:{}\r\nused_memory_vm_total:{total}\r\n\
         used_memory_vm_total_human:{}\r\nused_memory_scripts:{}\r\nused_memory_scripts_human:{}\r\n",
        human(s.eval_memory as u64),
        s.eval_body_bytes,
        s.eval_scripts,
        s.functions,
        s.libraries,
        s.functions_memory,
        human(total as u64),
        s.eval_body_bytes,
        human(s.eval_body_bytes as u64),
        lua = s.eval_memory,
    )
}

/// Runs `f` with a [`ServerHost`] owning the executor, as the caller's script client;
/// `spare` holds the placeholder left in the executor's place meanwhile.
fn with_host(
    ex: &mut Exec,
    caller: &Client,
    spare: &mut Spare,
    f: impl FnOnce(ServerHost) -> (ServerHost, Reply),
) -> Reply {
    // The executor changes places with the placeholder, which the run then lends back.
    let mut exec = spare.exec.take().unwrap_or_else(|| {
        Box::new(Exec::new(
            Config::default(),
            Arc::clone(&ex.table),
            Arc::clone(&ex.shared),
        ))
    });
    std::mem::swap(ex, &mut exec);
    let mut client = spare
        .client
        .take()
        .unwrap_or_else(|| Box::new(Client::new(caller.id, exec.now_ms, None)));
    client.id = caller.id;
    client.db = caller.db;
    if client.user != caller.user {
        client.user.clone_from(&caller.user);
    }
    client.authenticated = true;
    client.in_script = true;
    client.may_block = false;
    client.output.clear();
    let table = Arc::clone(&exec.table);
    let config = &exec.config;
    let undo =
        (config.script_kill_rollback).then(|| UndoLog::new(config.script_kill_rollback_max_memory));
    let unrestricted = exec.acl.unrestricted(&client.user);
    let (host, reply) = f(ServerHost {
        exec,
        client,
        table,
        undo,
        unrestricted,
    });
    let mut exec = host.exec;
    std::mem::swap(ex, &mut exec);
    spare.exec = Some(exec);
    spare.client = Some(host.client);
    reply
}

/// Whether EXEC is running the command: commands a client sends directly may block,
/// EXEC turns that off for its queue.
fn in_transaction(client: &Client) -> bool {
    !client.may_block
}

fn args(argv: &[Bytes]) -> Vec<&[u8]> {
    argv.iter().map(|a| a.as_ref()).collect()
}

fn eval_handler(kind: EvalKind) -> crate::command::ExtensionHandler {
    Arc::new(move |ex: &mut Exec, client: &mut Client, argv: &[Bytes]| {
        let in_transaction = in_transaction(client);
        with_engines(ex, |ex, engines| {
            ex.long_running(LongKind::Eval, |ex| {
                with_host(ex, client, &mut engines.spare, |host| {
                    engines.scripts.eval(host, argv, kind, in_transaction)
                })
            })
        })
    })
}

/// Adds the scripting commands to `table`.
pub fn install(table: &mut CommandTable) -> Result<(), String> {
    for (name, by_sha, read_only) in [
        ("eval", false, false),
        ("evalsha", true, false),
        ("eval_ro", false, true),
        ("evalsha_ro", true, true),
    ] {
        table.add_extension(name, eval_handler(EvalKind { by_sha, read_only }))?;
    }
    table.add_extension(
        "script",
        Arc::new(|ex: &mut Exec, client: &mut Client, argv: &[Bytes]| {
            let argv = args(argv);
            let in_transaction = in_transaction(client);
            with_engines(ex, |_, engines| {
                engines.scripts.script(&argv, in_transaction)
            })
        }),
    )?;
    table.add_extension(
        "function",
        Arc::new(|ex: &mut Exec, _client: &mut Client, argv: &[Bytes]| {
            let argv = args(argv);
            with_engines(ex, |_, engines| {
                engines.functions.command(&argv, |pattern, name| {
                    crate::glob::glob_match(pattern, name, true)
                })
            })
        }),
    )?;
    for (name, read_only) in [("fcall", false), ("fcall_ro", true)] {
        table.add_extension(
            name,
            Arc::new(move |ex: &mut Exec, client: &mut Client, argv: &[Bytes]| {
                let in_transaction = in_transaction(client);
                with_engines(ex, |ex, engines| {
                    ex.long_running(LongKind::Function, |ex| {
                        with_host(ex, client, &mut engines.spare, |host| {
                            engines
                                .functions
                                .fcall(host, argv, read_only, in_transaction)
                        })
                    })
                })
            }),
        )?;
    }
    Ok(())
}
