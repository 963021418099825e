//! lua-stdlib (in progress)
pub mod bit;
pub mod cjson;
pub mod cmsgpack;
pub mod io;
pub mod math;
pub mod os;
pub mod string;
pub mod table;
