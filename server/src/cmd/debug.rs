//! DEBUG: the subcommands that make sense without Redis's internals (SLEEP,
//! SET-ACTIVE-EXPIRE). Others get Redis's unknown-subcommand error; DEBUG as a whole
//! is refused unless `enable-debug-command` allows it, as in Redis 7.

use std::time::Duration;

use bytes::Bytes;

use super::{arg, help};
use crate::client::Client;
use crate::command::Handler;
use crate::executor::Exec;
use crate::reply::Reply;

/// The DEBUG handler.
pub const HANDLERS: &[(&str, Handler)] = &[("debug", debug)];

/// The longest DEBUG SLEEP honoured: the executor cannot be stopped for longer.
const MAX_SLEEP_SECS: f64 = 3600.0;

fn allowed(ex: &Exec, c: &Client) -> bool {
    match ex.config.enable_debug_command.as_str() {
        "yes" => true,
        "local" => c.addr.starts_with("127.") || c.addr.starts_with("[::1]"),
        _ => false,
    }
}

/// C's `atof`/`atoi` as DEBUG uses them: the leading number, 0 when there is none.
fn leading_number(a: &[u8]) -> f64 {
    let text = String::from_utf8_lossy(a);
    let text = text.trim_start();
    let end = text
        .char_indices()
        .take_while(|&(i, ch)| ch.is_ascii_digit() || ch == '.' || (i == 0 && "+-".contains(ch)))
        .map(|(i, ch)| i + ch.len_utf8())
        .last()
        .unwrap_or(0);
    text[..end].parse().unwrap_or(0.0)
}

fn debug(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    if !allowed(ex, c) {
        return Reply::error("ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.");
    }
    let sub = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    match (sub.as_str(), argv.len()) {
        ("sleep", 3) => {
            // Like Redis, the whole server stops: this runs on the executor.
            let secs = leading_number(arg(argv, 2)).clamp(0.0, MAX_SLEEP_SECS);
            std::thread::sleep(Duration::from_secs_f64(secs));
            Reply::ok()
        }
        ("set-active-expire", 3) => {
            ex.active_expire_enabled = leading_number(arg(argv, 2)) as i64 != 0;
            Reply::ok()
        }
        ("help", 2) => help(&[
            "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "SET-ACTIVE-EXPIRE <0|1>",
            "    Setting it to 0 disables expiring keys in background when they are not",
            "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
            "    default.",
            "SLEEP <seconds>",
            "    Stop the server for <seconds>. Decimals allowed.",
            "HELP",
            "    Prints this help.",
        ]),
        _ => Reply::error(format!(
            "ERR unknown subcommand or wrong number of arguments for '{}'. Try DEBUG HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        )),
    }
}
