//! redis-host: runs Redis 7.0 scripts — EVAL / EVALSHA / SCRIPT and
//! FUNCTION / FCALL — with Redis's observable behaviour: the sandbox, the
//! `redis` table, reply conversions, error formats, shebang flags and the
//! script cache. It reaches data only through [`host::CommandHost`], which
//! the server implements with its own command table.
//!
//! ```
//! use std::sync::atomic::AtomicBool;
//! use std::sync::Arc;
//! use bytes::Bytes;
//! use redis_host::eval::{EvalKind, Scripts};
//! use redis_host::host::{AclDenied, CommandFlags, CommandHost, LogLevel};
//! use redis_host::reply::Reply;
//!
//! /// A host whose only command is PING.
//! struct Ping;
//! impl CommandHost for Ping {
//!     type Command = ();
//!     fn lookup(&self, argv: &[Bytes]) -> Option<((), CommandFlags)> {
//!         let flags = CommandFlags { arity: -1, ..CommandFlags::default() };
//!         argv[0].eq_ignore_ascii_case(b"ping").then_some(((), flags))
//!     }
//!     fn acl_check(&self, _cmd: &(), _argv: &[Bytes]) -> Result<(), AclDenied> { Ok(()) }
//!     fn call(&mut self, _cmd: &(), _argv: &[Bytes], _protocol: u8) -> Reply {
//!         Reply::status("PONG")
//!     }
//!     fn rejected(&mut self, _cmd: Option<&()>, _argv: &[Bytes], _error: &[u8]) {}
//!     fn reply_error_counted(&mut self) {}
//!     fn over_memory_limit(&mut self) -> bool { false }
//!     fn interrupt_flag(&self) -> Arc<AtomicBool> { Arc::new(AtomicBool::new(false)) }
//!     fn mark_wrote(&mut self) {}
//!     fn log(&mut self, _level: LogLevel, _msg: &[u8]) {}
//! }
//!
//! let mut scripts = Scripts::new();
//! let argv: [&[u8]; 3] = [b"EVAL", b"return redis.call('ping')", b"0"];
//! let kind = EvalKind { by_sha: false, read_only: false };
//! let (_host, reply) = scripts.eval(Ping, &argv, kind, false);
//! assert_eq!(reply, Reply::status("PONG"));
//! ```

pub mod context;
pub mod convert;
pub mod dump;
pub mod engine;
pub mod eval;
pub mod functions;
pub mod host;
pub mod lua_api;
pub mod reply;
pub mod sandbox;
pub mod shebang;
pub mod split_args;
