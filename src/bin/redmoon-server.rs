//! `redmoon-server`: a Redis 7.0 compatible server (see the `redmoon-server` crate).

fn main() -> std::process::ExitCode {
    redmoon_server::cli::run()
}
