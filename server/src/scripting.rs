//! The scripting commands (EVAL, EVALSHA, SCRIPT, ...) from `redis-host`, installed
//! as extension handlers, and the [`CommandHost`] through which scripts call commands.
//!
//! The Lua engines are not `Send`, so they live in a thread-local of the executor
//! thread, created on first use. While a script runs, its `redis.call`s need the
//! executor: the handler moves the `Exec` into the [`ServerHost`] the engine holds for
//! the run (leaving a placeholder behind) and puts it back afterwards.

use std::cell::RefCell;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use bytes::Bytes;
use redis_host::eval::{EvalKind, Scripts};
use redis_host::functions::Functions;
use redis_host::host::{AclDenied, CommandFlags, CommandHost, LogLevel, LookupError};

use crate::busy::LongKind;
use crate::client::Client;
use crate::command::{flags, Command, CommandTable};
use crate::config::Config;
use crate::executor::Exec;
use crate::reply::Reply;

/// The executor and the client a script's commands run as.
pub struct ServerHost {
    exec: Exec,
    client: Client,
}

/// Finds the command `argv` names as Redis's `lookupCommand` does for scripts.
fn find<'t>(table: &'t CommandTable, argv: &[Vec<u8>]) -> Result<&'t Command, LookupError> {
    let name = argv.first().ok_or(LookupError::Unknown)?;
    let cmd = table.get(name).ok_or(LookupError::Unknown)?;
    let cmd = match argv.get(1) {
        Some(sub) if !cmd.subcommands.is_empty() => {
            let sub = String::from_utf8_lossy(sub).to_ascii_lowercase();
            cmd.subcommands.get(&sub).ok_or(LookupError::Unknown)?
        }
        _ => cmd,
    };
    if cmd.arity_ok(argv.len()) {
        Ok(cmd)
    } else {
        Err(LookupError::WrongArity)
    }
}

fn to_bytes(argv: &[Vec<u8>]) -> Vec<Bytes> {
    argv.iter().map(|a| Bytes::copy_from_slice(a)).collect()
}

impl CommandHost for ServerHost {
    fn lookup(&self, argv: &[Vec<u8>]) -> Result<CommandFlags, LookupError> {
        let cmd = find(&self.exec.table, argv)?;
        Ok(CommandFlags {
            write: cmd.has(flags::WRITE),
            // Redis 7.0 does not list may_replicate in COMMAND INFO for these.
            may_replicate: cmd.has(flags::MAY_REPLICATE)
                || matches!(cmd.name.as_str(), "publish" | "spublish" | "pfcount"),
            noscript: cmd.has(flags::NOSCRIPT),
            deny_oom: cmd.has(flags::DENYOOM),
        })
    }

    fn acl_check(&self, argv: &[Vec<u8>]) -> Result<(), AclDenied> {
        let Ok(cmd) = find(&self.exec.table, argv) else {
            return Ok(());
        };
        match self.exec.acl.check(&self.client.user, cmd, &to_bytes(argv)) {
            None => Ok(()),
            Some(Reply::Error(e)) if contains(&e, b"keys") => Err(AclDenied::Key),
            Some(Reply::Error(e)) if contains(&e, b"channel") => Err(AclDenied::Channel),
            Some(_) => Err(AclDenied::Command),
        }
    }

    fn call(&mut self, argv: &[Vec<u8>], protocol: u8) -> Reply {
        let table = Arc::clone(&self.exec.table);
        let Ok(cmd) = find(&table, argv) else {
            return crate::executor::unknown_command(&to_bytes(argv));
        };
        self.client.protocol = protocol;
        self.exec.call(&mut self.client, cmd, &to_bytes(argv))
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

/// The engines of one executor thread.
#[derive(Default)]
struct Engines {
    scripts: Scripts<ServerHost>,
    functions: Functions<ServerHost>,
}

thread_local! {
    static ENGINES: RefCell<Option<Engines>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's engines.
fn with_engines(f: impl FnOnce(&mut Engines) -> Reply) -> Reply {
    ENGINES.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => f(slot.get_or_insert_with(Engines::default)),
        Err(_) => Reply::error("ERR This Redis command is not allowed from script"),
    })
}

/// Runs `f` with a [`ServerHost`] owning the executor, as the caller's script client.
fn with_host(
    ex: &mut Exec,
    caller: &Client,
    f: impl FnOnce(ServerHost) -> (ServerHost, Reply),
) -> Reply {
    let placeholder = Exec::new(
        Config::default(),
        Arc::clone(&ex.table),
        Arc::clone(&ex.shared),
    );
    let exec = std::mem::replace(ex, placeholder);
    let mut client = Client::new(caller.id, exec.now_ms, None);
    client.db = caller.db;
    client.user = caller.user.clone();
    client.authenticated = true;
    client.in_script = true;
    client.may_block = false;
    let (host, reply) = f(ServerHost { exec, client });
    *ex = host.exec;
    reply
}

fn args(argv: &[Bytes]) -> Vec<&[u8]> {
    argv.iter().map(|a| a.as_ref()).collect()
}

fn eval_handler(kind: EvalKind) -> crate::command::ExtensionHandler {
    Arc::new(move |ex: &mut Exec, client: &mut Client, argv: &[Bytes]| {
        let argv = args(argv);
        with_engines(|engines| {
            ex.long_running(LongKind::Eval, |ex| {
                with_host(ex, client, |host| engines.scripts.eval(host, &argv, kind))
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
        Arc::new(|_ex: &mut Exec, _client: &mut Client, argv: &[Bytes]| {
            let argv = args(argv);
            with_engines(|engines| engines.scripts.script(&argv))
        }),
    )?;
    table.add_extension(
        "function",
        Arc::new(|_ex: &mut Exec, _client: &mut Client, argv: &[Bytes]| {
            let argv = args(argv);
            with_engines(|engines| {
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
                let argv = args(argv);
                with_engines(|engines| {
                    ex.long_running(LongKind::Function, |ex| {
                        with_host(ex, client, |host| {
                            engines.functions.fcall(host, &argv, read_only)
                        })
                    })
                })
            }),
        )?;
    }
    Ok(())
}
