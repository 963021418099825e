//! Server and connection commands: PING, ECHO, TIME, INFO, COMMAND, CLIENT, HELLO,
//! QUIT, RESET, SHUTDOWN.

use std::fmt::Write as _;
use std::sync::atomic::Ordering;

use bytes::Bytes;

use super::{arg, bulks, help, int_arg, is};
use crate::acl::Acl;
use crate::client::{Client, ReplyMode};
use crate::command::Handler;
use crate::executor::{err, keys_of, unix_us, Exec};
use crate::reply::Reply;

/// The server handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("ping", ping),
    ("echo", echo),
    ("time", time),
    ("info", info),
    ("command", command),
    ("client", client),
    ("hello", hello),
    ("quit", quit),
    ("reset", reset),
    ("shutdown", shutdown),
    ("lastsave", lastsave),
    ("slowlog", slowlog),
    ("save", save),
    ("wait", wait),
];

/// The version Redis clients see.
pub const REDIS_VERSION: &str = "7.0.15";

fn ping(_ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    if argv.len() > 2 {
        return Reply::error("ERR wrong number of arguments for 'ping' command");
    }
    if c.in_pubsub_mode() {
        return Reply::Array(vec![
            Reply::bulk("pong"),
            Reply::bulk(argv.get(1).map(|a| a.to_vec()).unwrap_or_default()),
        ]);
    }
    match argv.get(1) {
        Some(a) => Reply::Bulk(a.to_vec()),
        None => Reply::status("PONG"),
    }
}

fn echo(_ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    Reply::Bulk(arg(argv, 1).to_vec())
}

fn time(_ex: &mut Exec, _c: &mut Client, _argv: &[Bytes]) -> Reply {
    let us = unix_us();
    bulks([(us / 1_000_000).to_string(), (us % 1_000_000).to_string()])
}

/// redmoon keeps its data in memory only: SAVE fails, as a Redis that cannot write
/// its dump file does, with a message that says why.
fn save(_ex: &mut Exec, _c: &mut Client, _argv: &[Bytes]) -> Reply {
    Reply::error("ERR redmoon keeps data in memory only: SAVE is not supported")
}

fn slowlog(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    match sub.as_str() {
        "get" => {
            let count = match argv.get(2) {
                None => 10,
                Some(a) => match crate::frame::parse_i64(a) {
                    Some(-1) => usize::MAX,
                    Some(n) if n >= 0 => n as usize,
                    _ => return Reply::error("ERR count should be greater than or equal to -1"),
                },
            };
            ex.slowlog.newest(count)
        }
        "len" => Reply::Integer(ex.slowlog.len() as i64),
        "reset" => {
            ex.slowlog.reset();
            Reply::ok()
        }
        "help" => help(&[
            "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET [<count>]",
            "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
            "    Entries are made of:",
            "    id, timestamp, time in microseconds, arguments array, client IP and port,",
            "    client name",
            "LEN",
            "    Return the length of the slowlog.",
            "RESET",
            "    Reset the slowlog.",
            "HELP",
            "    Prints this help.",
        ]),
        _ => Reply::error(format!(
            "ERR unknown subcommand '{}'. Try SLOWLOG HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        )),
    }
}

fn lastsave(ex: &mut Exec, _c: &mut Client, _argv: &[Bytes]) -> Reply {
    Reply::Integer((ex.now_ms - ex.started.elapsed().as_millis() as i64) / 1000)
}

/// WAIT: there are no replicas, so it answers 0, after the timeout when replicas are
/// asked for (as Redis does without replicas).
fn wait(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let replicas = match int_arg(arg(argv, 1)) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let timeout = match int_arg(arg(argv, 2)) {
        Ok(n) if n < 0 => return Reply::error("ERR timeout is negative"),
        Ok(n) => n,
        Err(e) => return e,
    };
    if replicas <= 0 || !c.may_block {
        return Reply::Integer(0);
    }
    let deadline = (timeout > 0).then(|| ex.now_ms + timeout);
    ex.block(c, Vec::new(), deadline, argv.to_vec(), Reply::Integer(0));
    Reply::Integer(0)
}

fn quit(_ex: &mut Exec, c: &mut Client, _argv: &[Bytes]) -> Reply {
    c.close_after_reply = true;
    Reply::ok()
}

fn shutdown(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    for a in &argv[1..] {
        if is(a, "abort") {
            return Reply::error("ERR No shutdown in progress.");
        }
        if !(is(a, "nosave") || is(a, "save") || is(a, "now") || is(a, "force")) {
            return Reply::error(err::SYNTAX);
        }
    }
    tracing::warn!("User requested shutdown...");
    ex.request_shutdown();
    Reply::ok()
}

fn reset(ex: &mut Exec, c: &mut Client, _argv: &[Bytes]) -> Reply {
    c.multi = None;
    c.multi_error = false;
    ex.unwatch_all(c);
    ex.pubsub.unsubscribe_all(c.id);
    c.clear_subscriptions();
    c.db = 0;
    c.protocol = 2;
    c.name = None;
    c.user = "default".into();
    c.authenticated = ex.acl.default_user_needs_no_auth();
    Reply::status("RESET")
}

fn hello(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let session = Session {
        id: c.id,
        user: &mut c.user,
        authenticated: &mut c.authenticated,
        protocol: &mut c.protocol,
        name: &mut c.name,
    };
    hello_session(&ex.acl, session, argv)
}

/// The connection state HELLO reads and changes: a client's, or while a script is
/// busy, the connection task's copy of it.
pub struct Session<'a> {
    /// Client id.
    pub id: u64,
    /// The ACL user.
    pub user: &'a mut String,
    /// Whether it authenticated.
    pub authenticated: &'a mut bool,
    /// RESP version.
    pub protocol: &'a mut u8,
    /// CLIENT SETNAME.
    pub name: &'a mut Option<Vec<u8>>,
}

/// HELLO [protover [AUTH user pass] [SETNAME name]] against `session`.
pub fn hello_session(acl: &Acl, session: Session, argv: &[Bytes]) -> Reply {
    let mut protocol = *session.protocol;
    if argv.len() > 1 {
        match int_arg(arg(argv, 1)) {
            Ok(v) if v == 2 || v == 3 => protocol = v as u8,
            Ok(_) => return Reply::error("NOPROTO unsupported protocol version"),
            Err(_) => {
                return Reply::error("ERR Protocol version is not an integer or out of range")
            }
        }
    }
    // Redis 7.0 applies each option as it reads it: a name set before a later
    // error (even NOAUTH) stays set.
    let mut i = 2;
    while i < argv.len() {
        let a = arg(argv, i);
        if is(a, "auth") && i + 2 < argv.len() {
            let user = String::from_utf8_lossy(arg(argv, i + 1)).into_owned();
            if !acl.authenticate(&user, arg(argv, i + 2)) {
                return Reply::error(
                    "WRONGPASS invalid username-password pair or user is disabled.",
                );
            }
            *session.user = user;
            *session.authenticated = true;
            i += 3;
        } else if is(a, "setname") && i + 1 < argv.len() {
            if let Err(e) = set_name(session.name, arg(argv, i + 1)) {
                return e;
            }
            i += 2;
        } else {
            return Reply::error(format!(
                "ERR Syntax error in HELLO option '{}'",
                String::from_utf8_lossy(a)
            ));
        }
    }
    if !*session.authenticated {
        return Reply::error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
    }
    *session.protocol = protocol;
    Reply::Map(vec![
        (Reply::bulk("server"), Reply::bulk("redis")),
        (Reply::bulk("version"), Reply::bulk(REDIS_VERSION)),
        (Reply::bulk("proto"), Reply::Integer(i64::from(protocol))),
        (Reply::bulk("id"), Reply::Integer(session.id as i64)),
        (Reply::bulk("mode"), Reply::bulk("standalone")),
        (Reply::bulk("role"), Reply::bulk("master")),
        (Reply::bulk("modules"), Reply::Array(Vec::new())),
    ])
}

fn set_name(slot: &mut Option<Vec<u8>>, name: &[u8]) -> Result<(), Reply> {
    if name.iter().any(|&b| !(b'!'..=b'~').contains(&b)) {
        return Err(Reply::error(
            "ERR Client names cannot contain spaces, newlines or special characters.",
        ));
    }
    *slot = (!name.is_empty()).then(|| name.to_vec());
    Ok(())
}

fn client_line(c: &Client, now_ms: i64) -> String {
    let flags = if c.multi.is_some() {
        "x"
    } else if c.blocked.is_some() {
        "b"
    } else if c.is_subscriber() {
        "P"
    } else {
        "N"
    };
    format!(
        "id={} addr={} laddr={} fd=8 name={} age={} idle={} flags={} db={} sub={} psub={} ssub={} multi={} qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=20000 events=r cmd={} user={} redir=-1 resp={}\n",
        c.id,
        c.addr,
        c.laddr,
        String::from_utf8_lossy(c.name.as_deref().unwrap_or(b"")),
        (now_ms - c.created_ms) / 1000,
        (now_ms - c.last_command_ms) / 1000,
        flags,
        c.db,
        c.channels.len(),
        c.patterns.len(),
        c.shard_channels.len(),
        c.multi.as_ref().map_or(-1, |q| q.len() as i64),
        c.last_command,
        c.user,
        c.protocol
    )
}

fn client(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let sub = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    let now = ex.now_ms;
    match sub.as_str() {
        "id" => Reply::Integer(c.id as i64),
        "getname" => c.name.clone().map_or(Reply::Null, Reply::Bulk),
        "setname" => match set_name(&mut c.name, arg(argv, 2)) {
            Ok(()) => Reply::ok(),
            Err(e) => e,
        },
        "info" => Reply::Verbatim {
            format: *b"txt",
            text: client_line(c, now).into_bytes(),
        },
        "list" => {
            let mut ids: Vec<u64> = ex.client_ids();
            ids.push(c.id);
            if argv.len() > 2 {
                if is(arg(argv, 2), "id") && argv.len() > 3 {
                    let mut wanted = Vec::new();
                    for a in &argv[3..] {
                        match int_arg(a) {
                            Ok(n) if n > 0 => wanted.push(n as u64),
                            _ => return Reply::error("ERR Invalid client ID"),
                        }
                    }
                    ids.retain(|id| wanted.contains(id));
                } else if is(arg(argv, 2), "type") && argv.len() == 4 {
                    let t = String::from_utf8_lossy(arg(argv, 3)).to_ascii_lowercase();
                    match t.as_str() {
                        "normal" | "pubsub" | "master" | "replica" | "slave" => {}
                        _ => {
                            return Reply::error(format!(
                                "ERR Unknown client type '{}'",
                                String::from_utf8_lossy(arg(argv, 3))
                            ))
                        }
                    }
                    let want_pubsub = t == "pubsub";
                    let is_pubsub = |cl: &Client| cl.is_subscriber();
                    ids.retain(|id| {
                        let cl = if *id == c.id {
                            Some(&*c)
                        } else {
                            ex.clients.get(id).map(|b| &**b)
                        };
                        cl.is_some_and(|cl| {
                            (t == "normal" || t == "pubsub") && is_pubsub(cl) == want_pubsub
                        })
                    });
                } else {
                    return Reply::error(err::SYNTAX);
                }
            }
            ids.sort_unstable();
            let mut out = String::new();
            for id in ids {
                let cl = if id == c.id {
                    Some(&*c)
                } else {
                    ex.clients.get(&id).map(|b| &**b)
                };
                if let Some(cl) = cl {
                    out.push_str(&client_line(cl, now));
                }
            }
            Reply::Verbatim {
                format: *b"txt",
                text: out.into_bytes(),
            }
        }
        "kill" => client_kill(ex, c, argv),
        "no-evict" | "no-touch" => match arg(argv, 2) {
            a if is(a, "on") || is(a, "off") => Reply::ok(),
            _ => Reply::error(err::SYNTAX),
        },
        "reply" => {
            let mode = arg(argv, 2);
            if is(mode, "on") {
                c.reply_mode = ReplyMode::On;
                Reply::ok()
            } else if is(mode, "off") {
                c.reply_mode = ReplyMode::Off;
                Reply::ok()
            } else if is(mode, "skip") {
                if c.reply_mode == ReplyMode::On {
                    c.reply_mode = ReplyMode::SkipNext;
                }
                Reply::ok()
            } else {
                Reply::error(err::SYNTAX)
            }
        }
        "help" => help(&[
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "LIST [options ...]",
            "    Return information about client connections.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.",
            "HELP",
            "    Print this help.",
        ]),
        _ => Reply::error(format!(
            "ERR unknown subcommand '{}'. Try CLIENT HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        )),
    }
}

fn client_kill(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let old_style = argv.len() == 3;
    let mut filters: Vec<(String, Vec<u8>)> = Vec::new();
    let mut skipme = true;
    if old_style {
        filters.push(("addr".into(), arg(argv, 2).to_vec()));
    } else {
        if !argv.len().is_multiple_of(2) {
            return Reply::error(err::SYNTAX);
        }
        for pair in argv[2..].chunks_exact(2) {
            let key = String::from_utf8_lossy(&pair[0]).to_ascii_lowercase();
            match key.as_str() {
                "id" => {
                    if !matches!(int_arg(&pair[1]), Ok(n) if n > 0) {
                        return Reply::error("ERR client-id should be greater than 0");
                    }
                }
                "addr" | "laddr" | "user" | "type" => {}
                "skipme" => {
                    if is(&pair[1], "yes") {
                        skipme = true;
                    } else if is(&pair[1], "no") {
                        skipme = false;
                    } else {
                        return Reply::error(err::SYNTAX);
                    }
                    continue;
                }
                _ => return Reply::error(err::SYNTAX),
            }
            filters.push((key, pair[1].to_vec()));
        }
    }
    let matches = |cl: &Client| {
        filters.iter().all(|(k, v)| match k.as_str() {
            "id" => cl.id.to_string().as_bytes() == v.as_slice(),
            "addr" => cl.addr.as_bytes() == v.as_slice(),
            "laddr" => cl.laddr.as_bytes() == v.as_slice(),
            "user" => cl.user.as_bytes() == v.as_slice(),
            "type" => v.eq_ignore_ascii_case(b"normal") || v.eq_ignore_ascii_case(b"pubsub"),
            _ => false,
        })
    };
    let victims: Vec<u64> = ex
        .clients
        .values()
        .filter(|cl| matches(cl))
        .map(|cl| cl.id)
        .collect();
    let mut killed = victims.len() as i64;
    for id in victims {
        if let Some(mut cl) = ex.clients.remove(&id) {
            cl.close_after_reply = true;
            cl.flush(true);
            ex.forget(&mut cl);
        }
    }
    if matches(c) && (old_style || !skipme) {
        c.close_after_reply = true;
        killed += 1;
    }
    if old_style {
        if killed == 0 {
            Reply::error("ERR No such client")
        } else {
            Reply::ok()
        }
    } else {
        Reply::Integer(killed)
    }
}

fn command(ex: &mut Exec, _c: &mut Client, argv: &[Bytes]) -> Reply {
    let table = std::sync::Arc::clone(&ex.table);
    if argv.len() == 1 {
        return Reply::Array(table.iter().map(|c| c.info.clone()).collect());
    }
    let sub = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    match sub.as_str() {
        "count" => Reply::Integer(table.iter().count() as i64),
        "info" => {
            if argv.len() == 2 {
                return Reply::Array(table.iter().map(|c| c.info.clone()).collect());
            }
            Reply::Array(
                argv[2..]
                    .iter()
                    .map(|n| table.get(n).map_or(Reply::Null, |c| c.info.clone()))
                    .collect(),
            )
        }
        "docs" => {
            let names: Vec<&crate::command::Command> = if argv.len() == 2 {
                table.iter().collect()
            } else {
                argv[2..].iter().filter_map(|n| table.get(n)).collect()
            };
            Reply::Map(
                names
                    .into_iter()
                    .filter_map(|c| c.docs.clone().map(|d| (Reply::bulk(c.name.as_bytes()), d)))
                    .collect(),
            )
        }
        "list" => bulks(table.iter().map(|c| c.name.clone().into_bytes())),
        "getkeys" | "getkeysandflags" => {
            let target = &argv[2..];
            let Some(cmd) = table.get(arg(target, 0)) else {
                return Reply::error("ERR Invalid command specified");
            };
            let cmd = if cmd.subcommands.is_empty() || target.len() < 2 {
                cmd
            } else {
                let name = String::from_utf8_lossy(&target[1]).to_ascii_lowercase();
                cmd.subcommands.get(&name).unwrap_or(cmd)
            };
            if !cmd.arity_ok(target.len()) {
                return Reply::error("ERR Invalid number of arguments specified for command");
            }
            let keys = keys_of(cmd, target);
            if keys.is_empty() {
                return Reply::error("ERR The command has no key arguments");
            }
            if sub == "getkeys" {
                bulks(keys)
            } else {
                let flag = if cmd.has(crate::command::flags::WRITE) {
                    "OW"
                } else {
                    "RO"
                };
                Reply::Array(
                    keys.into_iter()
                        .map(|k| {
                            Reply::Array(vec![
                                Reply::Bulk(k),
                                Reply::Array(vec![Reply::status(flag)]),
                            ])
                        })
                        .collect(),
                )
            }
        }
        _ => Reply::error(format!(
            "ERR unknown subcommand '{}'. Try COMMAND HELP.",
            String::from_utf8_lossy(arg(argv, 1))
        )),
    }
}

fn info(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let wanted: Vec<String> = argv[1..]
        .iter()
        .map(|a| String::from_utf8_lossy(a).to_ascii_lowercase())
        .collect();
    let everything = wanted.iter().any(|w| w == "all" || w == "everything");
    let default = wanted.is_empty() || wanted.iter().any(|w| w == "default");
    let show = |section: &str, in_default: bool| {
        everything || (default && in_default) || wanted.iter().any(|w| w == section)
    };
    let mut out = String::new();
    let section = |out: &mut String, title: &str, body: String| {
        if !out.is_empty() {
            out.push_str("\r\n");
        }
        let _ = write!(out, "# {title}\r\n{body}");
    };
    let uptime = ex.started.elapsed().as_secs();
    if show("server", true) {
        section(
            &mut out,
            "Server",
            format!(
                "redis_version:{REDIS_VERSION}\r\nredis_git_sha1:00000000\r\nredis_git_dirty:0\r\nredis_build_id:0\r\nredis_mode:standalone\r\nos:{}\r\narch_bits:64\r\nmultiplexing_api:epoll\r\nprocess_id:{}\r\nrun_id:{:040x}\r\ntcp_port:{}\r\nserver_time_usec:{}\r\nuptime_in_seconds:{uptime}\r\nuptime_in_days:{}\r\nhz:10\r\nexecutable:redmoon-server\r\nconfig_file:\r\n",
                std::env::consts::OS,
                std::process::id(),
                ex.shared.run_id,
                ex.config.port,
                unix_us(),
                uptime / 86400
            ),
        );
    }
    if show("clients", true) {
        section(
            &mut out,
            "Clients",
            format!(
                "connected_clients:{}\r\nmaxclients:{}\r\nblocked_clients:{}\r\npubsub_clients:{}\r\n",
                ex.clients.len() + 1,
                ex.config.maxclients,
                ex.stats.blocked_clients,
                ex.clients.values().filter(|cl| cl.is_subscriber()).count()
                    + usize::from(c.is_subscriber()),
            ),
        );
    }
    if show("memory", true) {
        let used = ex.used_memory();
        section(
            &mut out,
            "Memory",
            format!(
                "used_memory:{used}\r\nused_memory_human:{}\r\n{}maxmemory:{}\r\nmaxmemory_human:{}\r\nmaxmemory_policy:{}\r\n",
                human_bytes(used as u64),
                crate::scripting::info_memory(ex),
                ex.config.maxmemory,
                human_bytes(ex.config.maxmemory),
                ex.config.maxmemory_policy.name()
            ),
        );
    }
    if show("persistence", true) {
        section(
            &mut out,
            "Persistence",
            format!(
                "loading:0\r\nrdb_changes_since_last_save:{}\r\nrdb_bgsave_in_progress:0\r\naof_enabled:0\r\n",
                ex.stats.dirty
            ),
        );
    }
    if show("stats", true) {
        let s = &ex.stats;
        let expired = s.expired_keys + ex.dbs.iter().map(|d| d.expired_count).sum::<u64>();
        section(
            &mut out,
            "Stats",
            format!(
                "total_connections_received:{}\r\ntotal_commands_processed:{}\r\ntotal_net_input_bytes:{}\r\ntotal_net_output_bytes:{}\r\nrejected_connections:{}\r\nexpired_keys:{expired}\r\nevicted_keys:{}\r\nkeyspace_hits:{}\r\nkeyspace_misses:{}\r\npubsub_channels:{}\r\npubsub_patterns:{}\r\ntotal_error_replies:{}\r\n",
                s.total_connections,
                s.commands_processed,
                ex.shared.net_input_bytes.load(Ordering::Relaxed),
                ex.shared.net_output_bytes.load(Ordering::Relaxed),
                ex.shared.rejected_connections.load(Ordering::Relaxed),
                s.evicted_keys,
                s.keyspace_hits,
                s.keyspace_misses,
                ex.pubsub.channels(None).len(),
                ex.pubsub.numpat(),
                s.errors.values().sum::<u64>(),
            ),
        );
    }
    if show("replication", true) {
        section(
            &mut out,
            "Replication",
            "role:master\r\nconnected_slaves:0\r\n".to_string(),
        );
    }
    if show("cpu", true) {
        section(&mut out, "CPU", String::new());
    }
    if show("modules", true) {
        section(&mut out, "Modules", String::new());
    }
    if show("errorstats", true) {
        let mut body = String::new();
        for (code, n) in &ex.stats.errors {
            let _ = write!(body, "errorstat_{code}:count={n}\r\n");
        }
        section(&mut out, "Errorstats", body);
    }
    if show("commandstats", false) {
        let mut body = String::new();
        for (name, s) in ex.stats.by_name() {
            let per = if s.calls > 0 {
                s.usec as f64 / s.calls as f64
            } else {
                0.0
            };
            let _ = write!(
                body,
                "cmdstat_{name}:calls={},usec={},usec_per_call={per:.2},rejected_calls={},failed_calls={}\r\n",
                s.calls, s.usec, s.rejected_calls, s.failed_calls
            );
        }
        section(&mut out, "Commandstats", body);
    }
    if show("cluster", true) {
        section(&mut out, "Cluster", "cluster_enabled:0\r\n".to_string());
    }
    if show("keyspace", true) {
        let mut body = String::new();
        for (i, db) in ex.dbs.iter().enumerate() {
            if !db.is_empty() {
                let _ = write!(
                    body,
                    "db{i}:keys={},expires={},avg_ttl=0\r\n",
                    db.len(),
                    db.expires_len()
                );
            }
        }
        section(&mut out, "Keyspace", body);
    }
    Reply::Verbatim {
        format: *b"txt",
        text: out.into_bytes(),
    }
}

/// Bytes as Redis's `bytesToHuman` prints them.
pub fn human_bytes(n: u64) -> String {
    let d = n as f64;
    if n < 1024 {
        format!("{n}B")
    } else if n < 1024 * 1024 {
        format!("{:.2}K", d / 1024.0)
    } else if n < 1024 * 1024 * 1024 {
        format!("{:.2}M", d / (1024.0 * 1024.0))
    } else {
        format!("{:.2}G", d / (1024.0 * 1024.0 * 1024.0))
    }
}
