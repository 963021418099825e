//! The `string` library: patterns and `string.format`.

pub mod format;
pub mod pattern;
