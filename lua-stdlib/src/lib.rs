//! lua-stdlib (in progress)
