//! redmoon-server: a RESP2/RESP3 server with an in-memory keyspace that Redis clients
//! (redis-cli, redis-benchmark, client libraries) use as if it were Redis 7.0.
//!
//! Connection tasks (tokio) parse requests and send them in batches to one executor
//! thread, which owns the keyspace and runs every command atomically. Command handlers
//! are plain synchronous functions over [`executor::Exec`] and a [`client::Client`];
//! [`executor::Exec::call`] is the entry a script engine running inside the executor
//! uses for `redis.call`, so scripts and clients run exactly the same code.
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
pub mod cmd;
pub mod command;
pub mod config;
pub mod connection;
pub mod db;
pub mod executor;
pub mod float;
pub mod frame;
pub mod glob;
pub mod maxmemory;
pub mod pubsub;
pub mod reply;
pub mod server;
pub mod stats;
pub mod stream;
pub mod zset;

pub use config::Config;
pub use server::{Server, ServerHandle};
