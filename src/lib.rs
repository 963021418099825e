//! redmoon: the layers re-exported under one name; the README below is tested as
//! this crate's documentation, so its examples stay true.
#![doc = include_str!("../README.md")]

pub use lua_core;
pub use lua_stdlib;
pub use redis_host;
pub use redmoon_server;
