//! redmoon-server (in progress)
