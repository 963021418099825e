//! The scripting host on its own, over a small in-memory `CommandHost`: what a
//! script sees of the commands, the checks `redis.call` makes before a command runs,
//! and the errors scripts and functions report.

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use bytes::Bytes;
use redis_host::eval::{EvalKind, Scripts};
use redis_host::functions::Functions;
use redis_host::host::{AclDenied, CommandFlags, CommandHost, LogLevel};
use redis_host::reply::Reply;

/// GET and SET over a map; SET is a write; BLPOP is refused to scripts.
#[derive(Default)]
struct MapHost {
    data: HashMap<Vec<u8>, Vec<u8>>,
    calls: usize,
    wrote: bool,
    /// The errors of refused calls, as counted.
    rejected: Vec<Vec<u8>>,
    /// Script replies that repeated an error already counted.
    errors_counted: usize,
}

impl CommandHost for MapHost {
    type Command = ();

    fn lookup(&self, argv: &[Bytes]) -> Option<((), CommandFlags)> {
        let name = argv[0].to_ascii_lowercase();
        let (arity, flags) = match name.as_slice() {
            b"get" => (2, CommandFlags::default()),
            b"set" => (
                3,
                CommandFlags {
                    write: true,
                    deny_oom: true,
                    ..CommandFlags::default()
                },
            ),
            b"blpop" => (
                3,
                CommandFlags {
                    noscript: true,
                    ..CommandFlags::default()
                },
            ),
            _ => return None,
        };
        Some(((), CommandFlags { arity, ..flags }))
    }

    fn acl_check(&self, _cmd: &(), _argv: &[Bytes]) -> Result<(), AclDenied> {
        Ok(())
    }

    fn call(&mut self, _cmd: &(), argv: &[Bytes], _protocol: u8) -> Reply {
        self.calls += 1;
        match argv[0].to_ascii_lowercase().as_slice() {
            b"get" => self
                .data
                .get(argv[1].as_ref())
                .map_or(Reply::Null, |v| Reply::Bulk(v.clone())),
            _ => {
                self.data.insert(argv[1].to_vec(), argv[2].to_vec());
                Reply::ok()
            }
        }
    }

    fn rejected(&mut self, _cmd: Option<&()>, _argv: &[Bytes], error: &[u8]) {
        self.rejected.push(error.to_vec());
    }

    fn reply_error_counted(&mut self) {
        self.errors_counted += 1;
    }

    fn over_memory_limit(&mut self) -> bool {
        false
    }

    fn interrupt_flag(&self) -> Arc<AtomicBool> {
        Arc::new(AtomicBool::new(false))
    }

    fn mark_wrote(&mut self) {
        self.wrote = true;
    }

    fn log(&mut self, _level: LogLevel, _msg: &[u8]) {}
}

const EVAL: EvalKind = EvalKind {
    by_sha: false,
    read_only: false,
};

fn eval(scripts: &mut Scripts<MapHost>, host: MapHost, args: &[&str]) -> (MapHost, Reply) {
    let mut argv: Vec<&[u8]> = vec![b"EVAL"];
    argv.extend(args.iter().map(|a| a.as_bytes()));
    scripts.eval(host, &argv, EVAL, false)
}

#[test]
fn scripts_reach_data_only_through_the_host() {
    let mut scripts = Scripts::new();
    let (host, reply) = eval(
        &mut scripts,
        MapHost::default(),
        &[
            "redis.call('set', KEYS[1], ARGV[1]) return {redis.call('get', KEYS[1]), redis.call('get', 'nokey')}",
            "1",
            "k",
            "v",
        ],
    );
    // A missing key reads as false, which a RESP2 reply carries as a null.
    assert_eq!(reply, Reply::Array(vec![Reply::bulk("v"), Reply::Null]));
    assert_eq!(host.calls, 3);
    assert!(host.wrote);
}

#[test]
fn redis_call_checks_come_before_the_command_runs() {
    let mut scripts = Scripts::new();
    let (host, reply) = eval(
        &mut scripts,
        MapHost::default(),
        &["return redis.pcall('blpop', 'l', '0')", "0"],
    );
    assert_eq!(
        reply,
        Reply::error("ERR This Redis command is not allowed from script")
    );
    let (host, reply) = eval(&mut scripts, host, &["return redis.pcall('get')", "0"]);
    assert_eq!(
        reply,
        Reply::error("ERR Wrong number of args calling Redis command from script")
    );
    let (host, reply) = eval(
        &mut scripts,
        host,
        &[
            "#!lua flags=no-writes\nreturn redis.pcall('set', 'k', 'v')",
            "0",
        ],
    );
    assert_eq!(
        reply,
        Reply::error("ERR Write commands are not allowed from read-only scripts.")
    );
    assert_eq!(host.calls, 0);
    // Each refusal is counted once, when it happens; the scripts returned the
    // counted errors, which must not count again.
    assert_eq!(
        host.rejected,
        [
            b"ERR This Redis command is not allowed from script".to_vec(),
            b"ERR Wrong number of args calling Redis command from script".to_vec(),
            b"ERR Write commands are not allowed from read-only scripts.".to_vec(),
        ]
    );
    assert_eq!(host.errors_counted, 3);
    let (host, reply) = eval(&mut scripts, host, &["return {err='MY own'}", "0"]);
    assert_eq!(reply, Reply::error("MY own"));
    assert_eq!(host.errors_counted, 3);
    let (host, _) = eval(&mut scripts, host, &["redis.call('nosuch')", "0"]);
    assert_eq!(
        host.rejected.last(),
        Some(&b"ERR Unknown Redis command called from script".to_vec())
    );
    assert_eq!(host.errors_counted, 4);
}

#[test]
fn runtime_errors_name_the_script_and_the_line() {
    let mut scripts = Scripts::new();
    let body = "local x = 1\nerror('boom')";
    let (_, reply) = eval(&mut scripts, MapHost::default(), &[body, "0"]);
    let sha = redis_host::lua_api::sha1_hex(body.as_bytes());
    assert_eq!(
        reply,
        Reply::error(format!(
            "ERR user_script:2: boom script: {sha}, on @user_script:2."
        ))
    );
}

#[test]
fn functions_see_the_restricted_view_while_loading_and_run_by_name() {
    let mut functions: Functions<MapHost> = Functions::new();
    let err = functions
        .load(b"#!lua name=lib\nlocal s = string.rep('x', 2)", false)
        .unwrap_err();
    assert_eq!(
        err,
        Reply::error("ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'string'")
    );
    let name = functions
        .load(
            b"#!lua name=lib\nredis.register_function('Echo', function(keys, args) return string.rep(args[1], 2) end)",
            false,
        )
        .unwrap();
    assert_eq!(name, "lib");
    let argv: [&[u8]; 4] = [b"FCALL", b"echo", b"0", b"ab"];
    let (_, reply) = functions.fcall(MapHost::default(), &argv, false, false);
    assert_eq!(reply, Reply::bulk("abab"));
    assert_eq!(
        functions.load(
            b"#!lua name=lib\nredis.register_function('x', function() end)",
            false
        ),
        Err(Reply::error("ERR Library 'lib' already exists"))
    );
}

#[test]
fn a_library_body_has_half_a_second_to_load() {
    let mut functions: Functions<MapHost> = Functions::new();
    let started = std::time::Instant::now();
    assert_eq!(
        functions.load(b"#!lua name=spin\nwhile true do end", false),
        Err(Reply::error(
            "ERR Error registering functions: ERR FUNCTION LOAD timeout"
        ))
    );
    assert!(started.elapsed() >= std::time::Duration::from_millis(500));
    assert!(functions.libraries().is_empty());
}

#[test]
fn each_run_sees_only_its_own_keys_and_args() {
    let mut scripts = Scripts::new();
    let mut host = MapHost::default();
    for (body, args, expected) in [
        (
            "return {#KEYS, #ARGV, KEYS[1], ARGV[1]}",
            &["1", "k", "a"][..],
            Reply::Array(vec![
                Reply::Integer(1),
                Reply::Integer(1),
                Reply::bulk("k"),
                Reply::bulk("a"),
            ]),
        ),
        (
            "KEYS[2] = 'extra' ARGV.x = 1 return #KEYS",
            &["1", "k2", "b"][..],
            Reply::Integer(2),
        ),
        (
            "return {#KEYS, KEYS[1], ARGV.x}",
            &["1", "k3", "c"][..],
            Reply::Array(vec![Reply::Integer(1), Reply::bulk("k3")]),
        ),
        (
            "setmetatable(KEYS, {__index = function() return 'm' end}) return KEYS[9]",
            &["1", "k4"][..],
            Reply::bulk("m"),
        ),
        (
            "return {KEYS[9], KEYS[1]}",
            &["1", "k5"][..],
            Reply::Array(vec![]),
        ),
        (
            "KEYS[1] = nil return #KEYS",
            &["1", "k6"][..],
            Reply::Integer(0),
        ),
        (
            "return {KEYS[1], #ARGV}",
            &["1", "k7"][..],
            Reply::Array(vec![Reply::bulk("k7"), Reply::Integer(0)]),
        ),
    ] {
        let mut argv = vec![body];
        argv.extend_from_slice(args);
        let (h, reply) = eval(&mut scripts, host, &argv);
        assert_eq!(reply, expected, "{body}");
        host = h;
    }
}
