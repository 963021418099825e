//! redmoon-server: a RESP2/RESP3 server with an in-memory keyspace that Redis clients
//! (redis-cli, redis-benchmark, client libraries) use as if it were Redis 7.0.
//!
//! Connection tasks (tokio) parse requests into batches and run them against the
//! executor's state (the keyspace), on their own thread when it is free or on the
//! executor thread otherwise (scripts always), one batch at a time, so every command
//! runs atomically. Command handlers
//! are plain synchronous functions over [`executor::Exec`] and a [`client::Client`];
//! [`executor::Exec::call`] is the entry a script engine running inside the executor
//! uses for `redis.call`, so scripts and clients run exactly the same code.
//!
//! # For a script engine
//!
//! The scripting commands (EVAL, FUNCTION, ...) are added as extension handlers:
//! `CommandTable::builtin()` then [`command::CommandTable::add_extension`] for each Redis
//! command name, and [`Server::start_with_commands`]. An extension handler runs with
//! `&mut Exec` and the calling `&mut Client`, usually on the I/O worker that read the
//! request:
//! - `redis.call`: [`executor::Exec::lookup`] gives the [`command::Command`] (arity
//!   checked; `flags` tell noscript / write / may-replicate / blocking) and
//!   [`executor::Exec::call`] runs it exactly as for a client. Set `client.in_script` and
//!   clear `client.may_block` around a script so blocking commands answer at once; set
//!   `client.protocol` to the script's RESP version for the calls.
//! - time is frozen while a command runs (`Exec::now_ms` is set only for top-level
//!   commands), so a whole script sees one time.
//! - long scripts run inside [`executor::Exec::long_running`]; the code checks
//!   `ex.shared.busy.interrupted()` periodically (code that holds `interrupt_flag()`
//!   instead calls `ex.shared.busy.let_others_be_served()` at its checkpoints), and calls
//!   `ex.shared.busy.mark_wrote()` after its first write. Past the busy threshold the
//!   other connections are served on another thread: they answer `-BUSY` and handle
//!   SCRIPT KILL / FUNCTION KILL / SHUTDOWN NOSAVE meanwhile.
//!
//! ```no_run
//! use redmoon_server::{Config, Server};
//!
//! let config = Config { port: 0, ..Config::default() };
//! let server = Server::start(config).expect("listen");
//! println!("listening on {}", server.addr());
//! server.shutdown();
//! ```

pub mod acl;
pub mod busy;
pub mod cli;
pub mod client;
pub mod clock;
pub mod cmd;
pub mod command;
pub mod compact;
pub mod config;
pub mod connection;
pub mod db;
pub mod executor;
pub mod float;
pub mod frame;
pub mod geohash;
pub mod glob;
pub mod hyperloglog;
pub mod keyhash;
pub mod maxmemory;
pub mod pubsub;
pub mod reply;
pub mod scripting;
pub mod server;
pub mod slowlog;
pub mod stats;
pub mod stream;
pub mod undo;
pub mod zset;

/// The type of command arguments (`argv`), re-exported for embedders.
pub use bytes::Bytes;
pub use config::Config;
pub use server::{Server, ServerHandle};
