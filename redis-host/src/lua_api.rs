//! The `redis` table scripts see (script_lua.c's luaRegisterRedisAPI):
//! call, pcall, error_reply, status_reply, sha1hex, log, setresp, set_repl,
//! acl_check_cmd, the LOG_* / REPL_* constants and the version.

use std::cell::RefCell;
use std::rc::Rc;

use bytes::{Bytes, BytesMut};
use lua_core::function::NativeClosure;
use lua_core::value::TableRef;
use lua_core::{LuaError, State, Value};
use sha1::{Digest, Sha1};

use crate::context::RunContext;
use crate::convert::{error_table, reply_to_lua, set_field, single_field_table};
use crate::engine::STATS_COUNTED_FIELD;
use crate::host::{CommandHost, LogLevel};
use crate::reply::decimal;

/// The Redis version scripts see.
pub const REDIS_VERSION: &str = "7.0.15";
/// `REDIS_VERSION_NUM`: 0x00MMmmpp.
pub const REDIS_VERSION_NUM: f64 = 0x0007_000f as f64;

/// The run context shared by the `redis.*` natives of one engine.
pub type SharedContext<H> = Rc<RefCell<RunContext<H>>>;

/// Lowercase hex SHA1 of `data` (script ids, `redis.sha1hex`).
pub fn sha1_hex(data: &[u8]) -> String {
    hex::encode(Sha1::digest(data))
}

/// Raises the Redis error table for `msg` (luaPushError + luaError).
pub fn raise(s: &mut State, msg: &[u8]) -> LuaError {
    LuaError::Runtime(error_table(s, msg))
}

/// Which functions the table carries: EVAL scripts also get the debugger
/// hooks and `replicate_commands`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKind {
    /// EVAL / EVALSHA.
    Eval,
    /// Functions (FCALL).
    Function,
}

/// Builds the `redis` table over `ctx`.
pub fn redis_table<H: CommandHost + 'static>(
    s: &mut State,
    ctx: &SharedContext<H>,
    kind: ApiKind,
) -> TableRef {
    let t = s.heap.new_table(0, 32);
    add_closure(s, t, "call", command_caller(ctx.clone(), true));
    add_closure(s, t, "pcall", command_caller(ctx.clone(), false));
    add_native(s, t, "log", log::<H>, ctx);
    for (i, name) in ["LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING"]
        .into_iter()
        .enumerate()
    {
        set_field(s, t, name, Value::Number(i as f64));
    }
    add_native(s, t, "setresp", setresp::<H>, ctx);
    add_native(s, t, "sha1hex", sha1hex, ctx);
    add_native(s, t, "error_reply", error_reply, ctx);
    add_native(s, t, "status_reply", status_reply, ctx);
    add_native(s, t, "set_repl", set_repl, ctx);
    for (name, v) in [
        ("REPL_NONE", 0.0),
        ("REPL_AOF", 1.0),
        ("REPL_SLAVE", 2.0),
        ("REPL_REPLICA", 2.0),
        ("REPL_ALL", 3.0),
    ] {
        set_field(s, t, name, Value::Number(v));
    }
    add_native(s, t, "acl_check_cmd", acl_check_cmd::<H>, ctx);
    set_field(s, t, "REDIS_VERSION_NUM", Value::Number(REDIS_VERSION_NUM));
    let v = s.str_value(REDIS_VERSION.as_bytes());
    set_field(s, t, "REDIS_VERSION", v);
    if kind == ApiKind::Eval {
        add_native(s, t, "breakpoint", breakpoint, ctx);
        add_native(s, t, "debug", debug, ctx);
        add_native(s, t, "replicate_commands", replicate_commands, ctx);
    }
    t
}

fn add_closure(s: &mut State, t: TableRef, name: &'static str, f: NativeClosure) {
    let v = s.native_closure(name, f, Vec::new());
    set_field(s, t, name, v);
}

/// Adds a native that gets the run context.
fn add_native<H: CommandHost + 'static>(
    s: &mut State,
    t: TableRef,
    name: &'static str,
    f: fn(&mut State, usize, &SharedContext<H>) -> Result<usize, LuaError>,
    ctx: &SharedContext<H>,
) {
    let ctx = ctx.clone();
    add_closure(s, t, name, Rc::new(move |s, n| f(s, n, &ctx)));
}

/// The arguments of a `redis.call` as a command line. Arguments are written into
/// one buffer, which the next call reuses once the command dropped them; short
/// strings passed again are shared from a small cache by string slot instead, as a
/// script mostly passes the same command names and keys again and again.
#[derive(Default)]
struct CommandLine {
    buf: BytesMut,
    argv: Vec<Bytes>,
    recent: RecentStrings,
}

/// Short Lua strings recently passed to commands, by string slot.
#[derive(Default)]
struct RecentStrings([Recent; RECENT_STRINGS]);

/// One place of [`RecentStrings`].
#[derive(Default)]
enum Recent {
    #[default]
    Empty,
    /// The string in this slot was passed once: a copy is kept if it comes again
    /// (keys drawn afresh for every call would only churn the cache).
    SeenOnce(u32),
    /// A copy of the string in this slot.
    Kept(u32, Bytes),
}

/// How many strings [`RecentStrings`] keeps (a power of two).
const RECENT_STRINGS: usize = 16;
/// Longer strings (values, mostly) are not kept alive.
const RECENT_MAX_LEN: usize = 64;

impl RecentStrings {
    /// The copy kept of the string in slot `idx`, if it was passed before.
    fn get(&mut self, idx: u32, bytes: &[u8]) -> Option<Bytes> {
        if bytes.len() > RECENT_MAX_LEN {
            return None;
        }
        let entry = &mut self.0[idx as usize % RECENT_STRINGS];
        match entry {
            // A collected slot may hold another string since: compare the bytes.
            Recent::Kept(slot, copy) if *slot == idx && copy[..] == *bytes => Some(copy.clone()),
            Recent::SeenOnce(slot) if *slot == idx => {
                let copy = Bytes::copy_from_slice(bytes);
                *entry = Recent::Kept(idx, copy.clone());
                Some(copy)
            }
            _ => {
                *entry = Recent::SeenOnce(idx);
                None
            }
        }
    }
}

impl CommandLine {
    /// Takes the call's arguments: strings as they are, numbers as `%.17g`
    /// (luaArgsToRedisArgv). False when one is of another type.
    fn fill(&mut self, s: &State, nargs: usize) -> bool {
        self.argv.clear();
        for i in 1..=nargs {
            let arg = match s.arg(i) {
                Value::String(st) => {
                    let bytes = s.heap.str(st);
                    match self.recent.get(st.idx, bytes) {
                        Some(copy) => copy,
                        None => {
                            self.buf.extend_from_slice(bytes);
                            self.buf.split().freeze()
                        }
                    }
                }
                Value::Number(n) => {
                    push_number(&mut self.buf, n);
                    self.buf.split().freeze()
                }
                _ => return false,
            };
            self.argv.push(arg);
        }
        true
    }
}

/// Appends `n` as C's `%.17g`: integers below 1e15 print as their digits, the
/// common case, without the general formatter.
fn push_number(buf: &mut BytesMut, n: f64) {
    if n == n.trunc() && n.abs() < 1e15 && !(n == 0.0 && n.is_sign_negative()) {
        buf.extend_from_slice(decimal(n as i64, &mut [0; 20]));
    } else {
        buf.extend_from_slice(lua_core::number::fmt_g(n, 17, false).as_bytes());
    }
}

/// Runs `f` with the engine's command line, or with a new one when a call made
/// while another runs needs one.
fn with_line<R>(line: &RefCell<CommandLine>, f: impl FnOnce(&mut CommandLine) -> R) -> R {
    match line.try_borrow_mut() {
        Ok(mut args) => f(&mut args),
        Err(_) => f(&mut CommandLine::default()),
    }
}

/// `redis.call` (raising errors) or `redis.pcall` (returning them).
fn command_caller<H: CommandHost + 'static>(
    ctx: SharedContext<H>,
    raise_errors: bool,
) -> NativeClosure {
    let line = RefCell::new(CommandLine::default());
    Rc::new(move |s: &mut State, nargs: usize| {
        // Argument errors come before the command path, which marks its
        // errors as already counted in the statistics.
        let outcome = if nargs == 0 {
            Err((
                b"Please specify at least one argument for this redis lib call".to_vec(),
                false,
            ))
        } else {
            with_line(&line, |args| {
                let outcome = if !args.fill(s, nargs) {
                    Err((
                        b"Lua redis lib command arguments must be strings or integers".to_vec(),
                        false,
                    ))
                } else {
                    ctx.borrow_mut().call(&args.argv).map_err(|e| (e, true))
                };
                args.argv.clear();
                outcome
            })
        };
        let (v, is_error) = match outcome {
            Ok(reply) => {
                let resp = ctx.borrow().resp;
                let is_error = reply.is_error();
                let v = reply_to_lua(s, &reply, resp);
                if is_error {
                    mark_stats_counted(s, v);
                }
                (v, is_error)
            }
            Err((msg, counted)) => {
                let v = error_table(s, &msg);
                if counted {
                    mark_stats_counted(s, v);
                }
                (v, true)
            }
        };
        if is_error && raise_errors {
            return Err(LuaError::Runtime(v));
        }
        s.push(v);
        Ok(1)
    })
}

/// Marks an error table as already counted in the error statistics (the
/// `ignore_error_stats_update` field Redis adds to command errors).
fn mark_stats_counted(s: &mut State, v: Value) {
    if let Value::Table(t) = v {
        set_field(s, t, STATS_COUNTED_FIELD, Value::Boolean(true));
    }
}

fn log<H: CommandHost>(
    s: &mut State,
    nargs: usize,
    ctx: &SharedContext<H>,
) -> Result<usize, LuaError> {
    if nargs < 2 {
        return Err(raise(s, b"redis.log() requires two arguments or more."));
    }
    let Some(level) = s.to_number(s.arg(1)) else {
        return Err(raise(s, b"First argument must be a number (log level)."));
    };
    let level = match level as i64 {
        0 => LogLevel::Debug,
        1 => LogLevel::Verbose,
        2 => LogLevel::Notice,
        3 => LogLevel::Warning,
        _ => return Err(raise(s, b"Invalid debug level.")),
    };
    let mut msg = Vec::new();
    for i in 2..=nargs {
        let v = s.arg(i);
        if matches!(v, Value::String(_) | Value::Number(_)) {
            if i != 2 {
                msg.push(b' ');
            }
            msg.extend_from_slice(&s.raw_tostring(v));
        }
    }
    if let Some(host) = ctx.borrow_mut().host.as_mut() {
        host.log(level, &msg);
    }
    Ok(0)
}

fn setresp<H: CommandHost>(
    s: &mut State,
    nargs: usize,
    ctx: &SharedContext<H>,
) -> Result<usize, LuaError> {
    if nargs != 1 {
        return Err(raise(s, b"redis.setresp() requires one argument."));
    }
    match s.to_number(s.arg(1)).map(|n| n as i64) {
        Some(2) => ctx.borrow_mut().resp = 2,
        Some(3) => ctx.borrow_mut().resp = 3,
        _ => return Err(raise(s, b"RESP version must be 2 or 3.")),
    }
    Ok(0)
}

fn sha1hex<H>(s: &mut State, nargs: usize, _: &SharedContext<H>) -> Result<usize, LuaError> {
    if nargs != 1 {
        return Err(raise(s, b"wrong number of arguments"));
    }
    let data = match s.arg(1) {
        v @ (Value::String(_) | Value::Number(_)) => s.raw_tostring(v),
        _ => Vec::new(),
    };
    let v = s.str_value(sha1_hex(&data).as_bytes());
    s.push(v);
    Ok(1)
}

/// `redis.error_reply` and `redis.status_reply` answer bad arguments with a
/// returned (not raised) error table.
fn string_arg(s: &mut State, nargs: usize) -> Result<Vec<u8>, Value> {
    match s.arg(1) {
        Value::String(st) if nargs == 1 => Ok(s.heap.str(st).to_vec()),
        _ => Err(error_table(s, b"wrong number or type of arguments")),
    }
}

fn error_reply<H>(s: &mut State, nargs: usize, _: &SharedContext<H>) -> Result<usize, LuaError> {
    let v = match string_arg(s, nargs) {
        Ok(msg) => {
            let msg = if msg.starts_with(b"-") {
                msg
            } else {
                [b"-".as_slice(), &msg].concat()
            };
            error_table(s, &msg)
        }
        Err(e) => e,
    };
    s.push(v);
    Ok(1)
}

fn status_reply<H>(s: &mut State, nargs: usize, _: &SharedContext<H>) -> Result<usize, LuaError> {
    let v = match string_arg(s, nargs) {
        Ok(msg) => {
            let m = s.str_value(&msg);
            single_field_table(s, "ok", m)
        }
        Err(e) => e,
    };
    s.push(v);
    Ok(1)
}

fn set_repl<H>(s: &mut State, nargs: usize, _: &SharedContext<H>) -> Result<usize, LuaError> {
    if nargs != 1 {
        return Err(raise(s, b"redis.set_repl() requires two arguments."));
    }
    // A non-number reads as 0 (REPL_NONE), as lua_tonumber gives.
    match s.to_number(s.arg(1)).map_or(0, |n| n as i64) {
        0..=3 => Ok(0),
        _ => Err(raise(
            s,
            b"Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.",
        )),
    }
}

fn acl_check_cmd<H: CommandHost>(
    s: &mut State,
    nargs: usize,
    ctx: &SharedContext<H>,
) -> Result<usize, LuaError> {
    if nargs == 0 {
        return Err(raise(
            s,
            b"Please specify at least one argument for this redis lib call",
        ));
    }
    let mut line = CommandLine::default();
    if !line.fill(s, nargs) {
        return Err(raise(
            s,
            b"Lua redis lib command arguments must be strings or integers",
        ));
    }
    let allowed = {
        let c = ctx.borrow();
        let Some(host) = c.host.as_ref() else {
            return Ok(0);
        };
        host.lookup(&line.argv)
            .map(|(cmd, _)| host.acl_check(&cmd, &line.argv).is_ok())
    };
    match allowed {
        None => Err(raise(s, b"Invalid command passed to redis.acl_check_cmd()")),
        Some(ok) => {
            s.push(Value::Boolean(ok));
            Ok(1)
        }
    }
}

fn breakpoint<H>(s: &mut State, _nargs: usize, _: &SharedContext<H>) -> Result<usize, LuaError> {
    s.push(Value::Boolean(false));
    Ok(1)
}

fn debug<H>(_s: &mut State, _nargs: usize, _: &SharedContext<H>) -> Result<usize, LuaError> {
    Ok(0)
}

fn replicate_commands<H>(
    s: &mut State,
    _nargs: usize,
    _: &SharedContext<H>,
) -> Result<usize, LuaError> {
    s.push(Value::Boolean(true));
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_strings_keep_what_comes_twice_and_check_the_bytes() {
        let mut recent = RecentStrings::default();
        assert_eq!(recent.get(3, b"set"), None);
        assert_eq!(recent.get(3, b"set").as_deref(), Some(&b"set"[..]));
        assert_eq!(recent.get(3, b"set").as_deref(), Some(&b"set"[..]));
        // Slot 3 collected and reused by another string.
        assert_eq!(recent.get(3, b"get"), None);
        assert_eq!(recent.get(3, b"get").as_deref(), Some(&b"get"[..]));
        // Slot 19 shares slot 3's place.
        assert_eq!(recent.get(19, b"key"), None);
        assert_eq!(recent.get(3, b"get"), None);
        let long = vec![b'v'; RECENT_MAX_LEN + 1];
        assert_eq!(recent.get(5, &long), None);
        assert_eq!(recent.get(5, &long), None, "long strings are not kept");
    }

    #[test]
    fn numbers_print_as_the_general_formatter_prints_them() {
        for n in [
            0.0,
            -0.0,
            1.0,
            -7.0,
            0.5,
            1e14,
            999_999_999_999_999.0,
            1e15,
            -1e15,
            1e16,
            1e17,
            1e300,
            3.25e-7,
            f64::MAX,
            f64::INFINITY,
            f64::NAN,
        ] {
            let mut buf = BytesMut::new();
            push_number(&mut buf, n);
            assert_eq!(
                &buf[..],
                lua_core::number::fmt_g(n, 17, false).as_bytes(),
                "{n}"
            );
        }
    }
}
