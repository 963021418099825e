//! redis-host (in progress)

pub mod reply;
