//! Scripting behaviour that needs more than one client or many requests: BUSY while a
//! script runs, SCRIPT KILL / FUNCTION KILL from another client (a script that wrote:
//! tests/server_reliability.rs), kills that `pcall` cannot swallow, pipelined EVALSHA,
//! and the `redis` crate's `Script` (EVALSHA with the fallback to EVAL on NOSCRIPT).

use std::thread;
use std::time::{Duration, Instant};

use redmoon_server::{Config, Server, ServerHandle};

mod raw;
use raw::Raw;

fn start(busy_ms: i64) -> (ServerHandle, redis::Client) {
    let server = Server::start(Config {
        port: 0,
        busy_reply_threshold_ms: busy_ms,
        ..Config::default()
    })
    .expect("server starts");
    let client = redis::Client::open(format!("redis://{}/", server.addr())).expect("client");
    (server, client)
}

/// Polls with PING until the server answers something else than PONG. It first
/// waits past the 100 ms threshold: a request the executor receives while a script
/// runs waits for the script (only connection tasks answer BUSY).
fn wait_for_busy(con: &mut Raw) -> String {
    thread::sleep(Duration::from_millis(300));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = con.call(&["PING"]);
        if reply != "+PONG" || Instant::now() > deadline {
            return reply;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// Sends `args` on a new connection and reads the reply in a thread.
fn run_in_thread(server: &ServerHandle, args: &[&str]) -> thread::JoinHandle<String> {
    let mut con = Raw::connect(server);
    con.send(args);
    thread::spawn(move || con.read())
}

fn sha1_of(body: &str) -> String {
    redis_host::lua_api::sha1_hex(body.as_bytes())
}

const BUSY_EVAL: &str =
    "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";

#[test]
fn a_long_script_makes_others_busy_until_script_kill() {
    let (server, _) = start(100);
    let script = run_in_thread(&server, &["EVAL", "while true do end", "0"]);
    let mut other = Raw::connect(&server);
    assert_eq!(wait_for_busy(&mut other), BUSY_EVAL);
    assert_eq!(other.call(&["FUNCTION", "KILL"]), BUSY_EVAL);
    assert_eq!(other.call(&["SCRIPT", "KILL"]), "+OK");
    assert_eq!(
        script.join().unwrap(),
        format!(
            "-ERR Script killed by user with SCRIPT KILL... script: {}, on @user_script:1.",
            sha1_of("while true do end")
        )
    );
    assert_eq!(other.call(&["PING"]), "+PONG");
    assert_eq!(
        other.call(&["SCRIPT", "KILL"]),
        "-NOTBUSY No scripts in execution right now."
    );
    server.shutdown();
}

#[test]
fn pcall_cannot_swallow_a_kill() {
    let (server, _) = start(100);
    let body = "local n = 0 while true do pcall(function() while true do end end) n = n + 1 end";
    let script = run_in_thread(&server, &["EVAL", body, "0"]);
    let mut other = Raw::connect(&server);
    assert_eq!(wait_for_busy(&mut other), BUSY_EVAL);
    assert_eq!(other.call(&["SCRIPT", "KILL"]), "+OK");
    assert_eq!(
        script.join().unwrap(),
        format!(
            "-ERR Script killed by user with SCRIPT KILL... script: {}, on @user_script:1.",
            sha1_of(body)
        )
    );
    server.shutdown();
}

#[test]
fn function_kill_stops_a_long_function() {
    let (server, _) = start(100);
    let mut con = Raw::connect(&server);
    assert_eq!(
        con.call(&[
            "FUNCTION",
            "LOAD",
            "#!lua name=spin\nredis.register_function('spin', function() while true do end end)",
        ]),
        "spin"
    );
    let call = run_in_thread(&server, &["FCALL", "spin", "0"]);
    assert_eq!(
        wait_for_busy(&mut con),
        "-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE."
    );
    assert_eq!(con.call(&["FUNCTION", "KILL"]), "+OK");
    assert_eq!(
        call.join().unwrap(),
        "-ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:2."
    );
    server.shutdown();
}

#[test]
fn ten_thousand_pipelined_evalsha() {
    let (server, client) = start(5000);
    let mut con = client.get_connection().unwrap();
    let sha: String = redis::cmd("SCRIPT")
        .arg("LOAD")
        .arg("return redis.call('incr', KEYS[1])")
        .query(&mut con)
        .unwrap();
    let mut pipe = redis::pipe();
    for _ in 0..10_000 {
        pipe.cmd("EVALSHA").arg(&sha).arg(1).arg("counter");
    }
    let replies: Vec<i64> = pipe.query(&mut con).unwrap();
    assert_eq!(replies.len(), 10_000);
    assert_eq!(replies[0], 1);
    assert_eq!(replies[9_999], 10_000);
    server.shutdown();
}

#[test]
fn redis_crate_script_falls_back_to_eval_on_noscript() {
    let (server, client) = start(5000);
    let mut con = client.get_connection().unwrap();
    let script =
        redis::Script::new("redis.call('set', KEYS[1], ARGV[1]) return redis.call('get', KEYS[1])");
    let first: String = script.key("k").arg("v1").invoke(&mut con).unwrap();
    assert_eq!(first, "v1");
    let _: () = redis::cmd("SCRIPT").arg("FLUSH").query(&mut con).unwrap();
    let again: String = script.key("k").arg("v2").invoke(&mut con).unwrap();
    assert_eq!(again, "v2");
    let exists: Vec<i64> = redis::cmd("SCRIPT")
        .arg("EXISTS")
        .arg(script.get_hash())
        .query(&mut con)
        .unwrap();
    assert_eq!(exists, vec![1]);
    server.shutdown();
}

#[test]
fn function_dump_from_redis_restores_and_dumps_back_byte_for_byte() {
    let (server, client) = start(5000);
    let mut con = client.get_connection().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance/function-dump");
    let payload = std::fs::read(dir.join("redis-7.0.15.dump")).unwrap();
    let code = std::fs::read(dir.join("library.lua")).unwrap();
    let ok: String = redis::cmd("FUNCTION")
        .arg("RESTORE")
        .arg(&payload)
        .query(&mut con)
        .unwrap();
    assert_eq!(ok, "OK");
    let _: () = redis::cmd("SET").arg("k").arg("v").query(&mut con).unwrap();
    let v: String = redis::cmd("FCALL_RO")
        .arg("myfunc_ro")
        .arg(1)
        .arg("k")
        .query(&mut con)
        .unwrap();
    assert_eq!(v, "v");
    let dumped: Vec<u8> = redis::cmd("FUNCTION").arg("DUMP").query(&mut con).unwrap();
    assert_eq!(dumped, payload);
    let listed: Vec<redis::Value> = redis::cmd("FUNCTION")
        .arg("LIST")
        .arg("WITHCODE")
        .query(&mut con)
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert!(format!("{listed:?}").contains(&format!("{:?}", String::from_utf8_lossy(&code))));
    let mut corrupt = payload.clone();
    corrupt[5] ^= 0xff;
    let e = redis::cmd("FUNCTION")
        .arg("RESTORE")
        .arg(&corrupt)
        .query::<String>(&mut con)
        .unwrap_err();
    assert_eq!(
        e.detail(),
        Some("DUMP payload version or checksum are wrong")
    );
    server.shutdown();
}
