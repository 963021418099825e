//! lua-stdlib (in progress)
pub mod io;
pub mod math;
pub mod os;
pub mod package;
pub mod string;
pub mod table;
