//! lua-stdlib (in progress)
pub mod string;
