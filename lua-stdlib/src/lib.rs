//! lua-stdlib (in progress)
pub mod os;
pub mod string;
pub mod table;
