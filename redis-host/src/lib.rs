//! redis-host (in progress)
