//! redmoon: re-exports the crates.
