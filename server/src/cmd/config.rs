//! CONFIG GET / SET / RESETSTAT / REWRITE.

use std::sync::atomic::Ordering;

use bytes::Bytes;

use super::{arg, help};
use crate::client::Client;
use crate::command::Handler;
use crate::config::Config;
use crate::executor::Exec;
use crate::glob::glob_match;
use crate::reply::Reply;

/// The CONFIG handler.
pub const HANDLERS: &[(&str, Handler)] = &[("config", config)];

fn config(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    match sub.as_str() {
        "get" => {
            let mut pairs: Vec<(Reply, Reply)> = Vec::new();
            let mut seen: Vec<String> = Vec::new();
            for pattern in &argv[2..] {
                // A name without glob characters is looked up as given and answered
                // under the spelling the client used, as Redis does.
                if !pattern.iter().any(|b| matches!(b, b'*' | b'?' | b'[')) {
                    let given = String::from_utf8_lossy(pattern).into_owned();
                    let lower = given.to_ascii_lowercase();
                    if seen.contains(&lower) {
                        continue;
                    }
                    if let Some(v) = ex.config.get(&lower) {
                        pairs.push((Reply::bulk(given.as_bytes()), Reply::Bulk(v.into_bytes())));
                        seen.push(lower);
                    }
                    continue;
                }
                for name in ex.config.names() {
                    if seen.contains(&name) || !glob_match(pattern, name.as_bytes(), true) {
                        continue;
                    }
                    if let Some(v) = ex.config.get(&name) {
                        pairs.push((Reply::bulk(name.as_bytes()), Reply::Bulk(v.into_bytes())));
                        seen.push(name);
                    }
                }
            }
            Reply::Map(pairs)
        }
        "set" => {
            if !argv.len().is_multiple_of(2) {
                return Reply::error("ERR wrong number of arguments for 'config|set' command");
            }
            let mut names: Vec<String> = Vec::new();
            for pair in argv[2..].chunks_exact(2) {
                let given = String::from_utf8_lossy(&pair[0]);
                let name = given.to_ascii_lowercase();
                if !ex.config.is_known(&name) {
                    return Reply::error(format!(
                        "ERR Unknown option or number of arguments for CONFIG SET - '{given}'"
                    ));
                }
                let why = if Config::is_immutable(&name) {
                    "can't set immutable config"
                } else if names.contains(&name) {
                    "duplicate parameter"
                } else {
                    names.push(name);
                    continue;
                };
                return Reply::error(format!(
                    "ERR CONFIG SET failed (possibly related to argument '{given}') - {why}"
                ));
            }
            let before = ex.config.clone();
            for pair in argv[2..].chunks_exact(2) {
                let name = String::from_utf8_lossy(&pair[0]).to_ascii_lowercase();
                let value = String::from_utf8_lossy(&pair[1]).into_owned();
                if let Err(why) = ex.config.set(&name, &value) {
                    ex.config = before;
                    return Reply::error(format!(
                        "ERR CONFIG SET failed (possibly related to argument '{name}') - {why}"
                    ));
                }
            }
            apply(ex);
            Reply::ok()
        }
        "resetstat" => {
            ex.stats.reset();
            ex.shared.net_input_bytes.store(0, Ordering::Relaxed);
            ex.shared.net_output_bytes.store(0, Ordering::Relaxed);
            Reply::ok()
        }
        "rewrite" => Reply::error("ERR The server is running without a config file"),
        "help" => help(&[
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.",
            "REWRITE",
            "    Rewrite the configuration file.",
            "HELP",
            "    Prints this help.",
        ]),
        _ => Reply::error(format!(
            "ERR unknown subcommand '{}'. Try CONFIG HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        )),
    }
}

/// Pushes configuration changes to the parts that keep their own copy.
fn apply(ex: &mut Exec) {
    let pass = ex.config.requirepass.clone();
    ex.acl.set_requirepass(pass.as_deref());
    ex.set_busy_threshold(ex.config.busy_reply_threshold_ms);
    ex.shared
        .busy
        .kill_rollback
        .store(ex.config.script_kill_rollback, Ordering::SeqCst);
    ex.shared
        .max_bulk_len
        .store(ex.config.proto_max_bulk_len, Ordering::Relaxed);
    ex.shared
        .maxclients
        .store(ex.config.maxclients, Ordering::Relaxed);
}
