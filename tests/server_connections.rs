//! Connection-level behaviour: RESP3, pub/sub, blocking pops, malformed frames, many
//! clients, AUTH/ACL, maxmemory, SHUTDOWN and the busy mechanism.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use redis::{Commands, RedisResult};
use redmoon_server::busy::LongKind;
use redmoon_server::command::CommandTable;
use redmoon_server::executor::Exec;
use redmoon_server::reply::Reply;
use redmoon_server::{Config, Server, ServerHandle};

fn start_with(config: Config) -> ServerHandle {
    Server::start(Config { port: 0, ..config }).expect("server starts")
}

fn start() -> ServerHandle {
    start_with(Config::default())
}

fn client(server: &ServerHandle) -> redis::Client {
    redis::Client::open(format!("redis://{}/", server.addr())).expect("client")
}

/// Sends raw bytes and reads until `expected_len` bytes or EOF/timeout.
fn raw(stream: &mut TcpStream, send: &[u8], expected_len: usize) -> Vec<u8> {
    stream.write_all(send).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while out.len() < expected_len {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    out
}

#[test]
fn resp3_hello_and_types() {
    let server = start();
    let mut s = TcpStream::connect(server.addr()).unwrap();
    let hello = raw(&mut s, b"HELLO 3\r\n", 10);
    assert!(hello.starts_with(b"%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n"));
    let mut rest = hello;
    // Drain the rest of the HELLO map.
    while !rest.ends_with(b"modules\r\n*0\r\n") {
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).unwrap();
        rest.extend_from_slice(&buf[..n]);
    }
    // INCRBYFLOAT answers a bulk string even in RESP3; ZSCORE a double.
    let expected = b":1\r\n_\r\n$3\r\n1.5\r\n:1\r\n,2.5\r\n";
    let got = raw(
        &mut s,
        b"SADD s a\r\nGET nokey\r\nINCRBYFLOAT f 1.5\r\nZADD z 2.5 m\r\nZSCORE z m\r\n",
        expected.len(),
    );
    assert_eq!(got, expected);
    server.shutdown();
}

#[test]
fn pubsub_delivers_to_subscribers() {
    let server = start();
    let c = client(&server);
    let mut sub_con = c.get_connection().unwrap();
    let mut pubsub = sub_con.as_pubsub();
    pubsub.subscribe("news").unwrap();
    pubsub.psubscribe("n*").unwrap();
    let mut publisher = c.get_connection().unwrap();
    let receivers: i64 = publisher.publish("news", "hello").unwrap();
    assert_eq!(receivers, 2);
    let m1 = pubsub.get_message().unwrap();
    let m2 = pubsub.get_message().unwrap();
    let mut got: Vec<(String, String)> = [m1, m2]
        .iter()
        .map(|m| (m.get_channel_name().to_string(), m.get_payload().unwrap()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("news".into(), "hello".into()),
            ("news".into(), "hello".into())
        ]
    );
    server.shutdown();
}

#[test]
fn blocking_pop_is_woken_by_another_client() {
    let server = start();
    let c = client(&server);
    let mut waiter = c.get_connection().unwrap();
    let pusher_client = c.clone();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        let mut pusher = pusher_client.get_connection().unwrap();
        let _: i64 = pusher.rpush("queue", "job").unwrap();
    });
    let start = Instant::now();
    let got: Option<(String, String)> = waiter.blpop("queue", 5.0).unwrap();
    assert_eq!(got, Some(("queue".into(), "job".into())));
    assert!(start.elapsed() >= Duration::from_millis(150));
    t.join().unwrap();
    // A timeout answers nil.
    let none: Option<(String, String)> = waiter.blpop("empty", 0.1).unwrap();
    assert_eq!(none, None);
    server.shutdown();
}

#[test]
fn malformed_frames_close_only_that_connection() {
    let server = start();
    let mut good = client(&server).get_connection().unwrap();
    let _: () = good.set("k", "v").unwrap();
    for (bad, msg) in [
        (
            &b"*1\r\n$a\r\n"[..],
            &b"-ERR Protocol error: invalid bulk length\r\n"[..],
        ),
        (
            b"*x\r\n",
            b"-ERR Protocol error: invalid multibulk length\r\n",
        ),
        (
            b"SET \"k\r\n",
            b"-ERR Protocol error: unbalanced quotes in request\r\n",
        ),
        (
            b"*1\r\n$999999999999\r\n",
            b"-ERR Protocol error: invalid bulk length\r\n",
        ),
    ] {
        let mut s = TcpStream::connect(server.addr()).unwrap();
        let got = raw(&mut s, bad, 1 << 16);
        assert_eq!(got, msg, "reply to {:?}", String::from_utf8_lossy(bad));
        // The server closed the connection.
        let mut buf = [0u8; 8];
        assert_eq!(s.read(&mut buf).unwrap_or(0), 0);
    }
    assert_eq!(good.get::<_, String>("k").unwrap(), "v");
    server.shutdown();
}

#[test]
fn many_clients_at_once() {
    let server = start();
    let c = client(&server);
    let threads: Vec<_> = (0..40)
        .map(|i| {
            let c = c.clone();
            std::thread::spawn(move || {
                let mut con = c.get_connection().unwrap();
                for _ in 0..100 {
                    let _: i64 = con.incr("shared", 1).unwrap();
                }
                let _: () = con.set(format!("own{i}"), i).unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let mut con = c.get_connection().unwrap();
    assert_eq!(con.get::<_, i64>("shared").unwrap(), 4000);
    assert_eq!(con.get::<_, i64>("own39").unwrap(), 39);
    server.shutdown();
}

#[test]
fn requirepass_and_acl_users() {
    let server = start_with(Config {
        requirepass: Some("secret".into()),
        ..Config::default()
    });
    let mut s = TcpStream::connect(server.addr()).unwrap();
    let msg = b"-NOAUTH Authentication required.\r\n";
    assert_eq!(raw(&mut s, b"GET k\r\n", msg.len()), msg);
    let bad = b"-WRONGPASS invalid username-password pair or user is disabled.\r\n";
    assert_eq!(raw(&mut s, b"AUTH nope\r\n", bad.len()), bad);
    assert_eq!(raw(&mut s, b"AUTH secret\r\n", 5), b"+OK\r\n");
    assert_eq!(
        raw(&mut s, b"ACL SETUSER bob on >pw ~b* +get\r\n", 5),
        b"+OK\r\n"
    );
    assert_eq!(raw(&mut s, b"AUTH bob pw\r\n", 5), b"+OK\r\n");
    assert_eq!(raw(&mut s, b"GET bkey\r\n", 5), b"$-1\r\n");
    let noperm = b"-NOPERM this user has no permissions to run the 'set' command\r\n";
    assert_eq!(raw(&mut s, b"SET bkey 1\r\n", noperm.len()), noperm);
    let nokey =
        b"-NOPERM this user has no permissions to access one of the keys used as arguments\r\n";
    assert_eq!(raw(&mut s, b"GET other\r\n", nokey.len()), nokey);
    server.shutdown();
}

#[test]
fn maxmemory_noeviction_refuses_writes_and_lru_evicts() {
    let server = start_with(Config {
        maxmemory: 2 * 1024 * 1024,
        ..Config::default()
    });
    let mut con = client(&server).get_connection().unwrap();
    let value = vec![b'v'; 100 * 1024];
    let mut refused = None;
    for i in 0..100 {
        let r: RedisResult<()> = con.set(format!("k{i}"), &value);
        if let Err(e) = r {
            refused = Some(e.to_string());
            break;
        }
    }
    let refused = refused.expect("writes are refused over maxmemory");
    assert!(
        refused.contains("command not allowed when used memory > 'maxmemory'"),
        "{refused}"
    );
    // Reads still work; switching the policy makes room by evicting.
    let _: Option<Vec<u8>> = con.get("k0").unwrap();
    let _: () = redis::cmd("CONFIG")
        .arg("SET")
        .arg("maxmemory-policy")
        .arg("allkeys-lru")
        .query(&mut con)
        .unwrap();
    for i in 100..130 {
        let _: () = con.set(format!("k{i}"), &value).unwrap();
    }
    let info: String = redis::cmd("INFO").arg("stats").query(&mut con).unwrap();
    assert!(!info.contains("evicted_keys:0\r\n"), "{info}");
    server.shutdown();
}

#[test]
fn shutdown_command_stops_the_server() {
    let server = start();
    let addr = server.addr();
    let mut s = TcpStream::connect(addr).unwrap();
    let got = raw(&mut s, b"SHUTDOWN NOSAVE\r\n", 1 << 10);
    assert!(got.is_empty(), "SHUTDOWN gets no reply: {got:?}");
    let deadline = Instant::now() + Duration::from_secs(3);
    while !server.is_stopped() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(server.is_stopped());
    server.wait();
    assert!(TcpStream::connect(addr).is_err());
}

/// Set when TEST.SLOWSIGNAL starts.
static SLOW_SIGNAL_STARTED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// A long-running command: it runs until interrupted or 5 s pass.
fn run_slow(ex: &mut Exec) -> Reply {
    ex.long_running(LongKind::Eval, |ex| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if ex.shared.busy.interrupted() {
                return Reply::error("ERR interrupted");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Reply::ok()
    })
}

/// A long-running command for this test only: it runs until interrupted or 5 s pass.
fn slow_command_table() -> CommandTable {
    let mut table = CommandTable::builtin().unwrap();
    table.add_custom("test.slow", 1, 0, Arc::new(|ex, _c, _argv| run_slow(ex)));
    // The same, telling the test it started (only one test runs it).
    table.add_custom(
        "test.slowsignal",
        1,
        0,
        Arc::new(|ex, _c, _argv| {
            SLOW_SIGNAL_STARTED.store(true, std::sync::atomic::Ordering::SeqCst);
            run_slow(ex)
        }),
    );
    // The same, having written to the dataset first: it cannot be killed.
    table.add_custom(
        "test.slowwrite",
        1,
        0,
        Arc::new(|ex, _c, _argv| {
            ex.long_running(LongKind::Eval, |ex| {
                ex.shared.busy.mark_wrote();
                let start = Instant::now();
                while start.elapsed() < Duration::from_millis(800) && !ex.shared.busy.interrupted()
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Reply::ok()
            })
        }),
    );
    table
}

/// A server with a 100 ms busy threshold, running `command` (a slow one from
/// [`slow_command_table`]) for a client whose `reply_len` bytes of reply the returned
/// thread reads.
fn start_busy(
    command: &'static [u8],
    reply_len: usize,
) -> (ServerHandle, std::thread::JoinHandle<Vec<u8>>) {
    start_busy_with(Config::default(), command, reply_len)
}

/// [`start_busy`] with `config` (its port and busy threshold replaced).
fn start_busy_with(
    config: Config,
    command: &'static [u8],
    reply_len: usize,
) -> (ServerHandle, std::thread::JoinHandle<Vec<u8>>) {
    let server = Server::start_with_commands(
        Config {
            port: 0,
            busy_reply_threshold_ms: 100,
            ..config
        },
        slow_command_table(),
    )
    .unwrap();
    let addr = server.addr();
    let (sent_tx, sent_rx) = std::sync::mpsc::channel();
    let runner = std::thread::spawn(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(command).unwrap();
        sent_tx.send(()).unwrap();
        raw(&mut s, b"", reply_len)
    });
    sent_rx.recv().unwrap();
    (server, runner)
}

#[test]
fn busy_server_refuses_to_kill_a_writer_but_shuts_down_nosave() {
    let config = Config {
        script_kill_rollback: false,
        ..Config::default()
    };
    let (server, runner) = start_busy_with(config, b"TEST.SLOWWRITE\r\n", 5);
    let addr = server.addr();
    std::thread::sleep(Duration::from_millis(300));
    let mut other = TcpStream::connect(addr).unwrap();
    let unkillable = b"-UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.\r\n";
    assert_eq!(
        raw(&mut other, b"SCRIPT KILL\r\n", unkillable.len()),
        unkillable
    );
    // Redis checks the write before the kind of script.
    assert_eq!(
        raw(&mut other, b"FUNCTION KILL\r\n", unkillable.len()),
        unkillable
    );
    // SHUTDOWN NOSAVE stops the script and the server.
    assert!(raw(&mut other, b"SHUTDOWN NOSAVE\r\n", 1).is_empty());
    let _ = runner.join();
    server.wait();
    assert!(TcpStream::connect(addr).is_err());
}

#[test]
fn busy_server_answers_busy_and_can_be_killed() {
    let (server, runner) = start_busy(b"TEST.SLOW\r\n", 18);
    let addr = server.addr();
    // Past the 100 ms threshold other clients are answered -BUSY at once.
    std::thread::sleep(Duration::from_millis(400));
    let mut other = TcpStream::connect(addr).unwrap();
    let busy = b"-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
    assert_eq!(raw(&mut other, b"GET k\r\n", busy.len()), busy);
    // QUIT is answered at once even while busy.
    let mut quitter = TcpStream::connect(addr).unwrap();
    assert_eq!(raw(&mut quitter, b"QUIT\r\n", 1 << 10), b"+OK\r\n");
    let killed_at = Instant::now();
    assert_eq!(raw(&mut other, b"SCRIPT KILL\r\n", 5), b"+OK\r\n");
    assert_eq!(runner.join().unwrap(), b"-ERR interrupted\r\n");
    assert!(killed_at.elapsed() < Duration::from_secs(2));
    // After the kill the server serves everyone again.
    assert_eq!(raw(&mut other, b"PING\r\n", 7), b"+PONG\r\n");
    server.shutdown();
}

/// A request sent while a long command runs but before the busy threshold waits for
/// the threshold, then gets `-BUSY` (as in Redis), not the end of the command.
#[test]
fn early_requests_get_busy_once_the_threshold_passes() {
    let (server, runner) = start_busy(b"TEST.SLOWSIGNAL\r\n", 18);
    while !SLOW_SIGNAL_STARTED.load(std::sync::atomic::Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let sent = Instant::now();
    let mut early = TcpStream::connect(server.addr()).unwrap();
    let busy = b"-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
    assert_eq!(raw(&mut early, b"GET k\r\n", busy.len()), busy);
    // The command runs 5 s; the answer came at the 100 ms threshold.
    assert!(
        sent.elapsed() < Duration::from_secs(2),
        "{:?}",
        sent.elapsed()
    );
    assert_eq!(raw(&mut early, b"SCRIPT KILL\r\n", 5), b"+OK\r\n");
    assert_eq!(runner.join().unwrap(), b"-ERR interrupted\r\n");
    server.shutdown();
}

/// While a script is busy, AUTH, HELLO and the transaction commands are answered at
/// once (as Redis 7.0 answers them, checked on the oracle), and their effect on the
/// connection holds after the script.
#[test]
fn busy_server_answers_connection_commands_itself() {
    let (server, runner) = start_busy(b"TEST.SLOW\r\n", 18);
    let addr = server.addr();
    std::thread::sleep(Duration::from_millis(400));
    let mut other = TcpStream::connect(addr).unwrap();
    let no_pass = b"-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\r\n";
    assert_eq!(raw(&mut other, b"AUTH x\r\n", no_pass.len()), no_pass);
    let hello: &[u8] = b"%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:2\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";
    assert_eq!(
        raw(&mut other, b"HELLO 3 SETNAME busyname\r\n", hello.len()),
        hello
    );
    assert_eq!(raw(&mut other, b"MULTI\r\n", 5), b"+OK\r\n");
    let busy = b"-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
    assert_eq!(raw(&mut other, b"SET k v\r\n", busy.len()), busy);
    let abort = b"-EXECABORT Transaction discarded because of: BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
    assert_eq!(raw(&mut other, b"EXEC\r\n", abort.len()), abort);
    assert_eq!(raw(&mut other, b"MULTI\r\n", 5), b"+OK\r\n");
    let no_watch = b"-ERR WATCH inside MULTI is not allowed\r\n";
    assert_eq!(raw(&mut other, b"WATCH k\r\n", no_watch.len()), no_watch);
    assert_eq!(raw(&mut other, b"DISCARD\r\n", 5), b"+OK\r\n");
    assert_eq!(raw(&mut other, b"SCRIPT KILL\r\n", 5), b"+OK\r\n");
    assert_eq!(runner.join().unwrap(), b"-ERR interrupted\r\n");
    // After the script: RESP3 and the name hold, no transaction is open.
    assert_eq!(raw(&mut other, b"HGETALL nohash\r\n", 4), b"%0\r\n");
    assert_eq!(
        raw(&mut other, b"CLIENT GETNAME\r\n", 15),
        b"$8\r\nbusyname\r\n"
    );
    assert_eq!(raw(&mut other, b"GET k\r\n", 3), b"_\r\n");
    server.shutdown();
}

#[test]
fn blocked_stream_read_and_list_move_are_woken() {
    let server = start();
    let c = client(&server);
    let mut reader = c.get_connection().unwrap();
    let writer_client = c.clone();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        let mut w = writer_client.get_connection().unwrap();
        let _: String = redis::cmd("XADD")
            .arg("events")
            .arg("5-1")
            .arg("kind")
            .arg("login")
            .query(&mut w)
            .unwrap();
        std::thread::sleep(Duration::from_millis(150));
        let _: i64 = w.lpush("src", "item").unwrap();
    });
    let got: redis::Value = redis::cmd("XREAD")
        .arg("BLOCK")
        .arg(5000)
        .arg("STREAMS")
        .arg("events")
        .arg("$")
        .query(&mut reader)
        .unwrap();
    let text = format!("{got:?}");
    assert!(text.contains("5-1") && text.contains("login"), "{text}");
    let moved: Option<String> = redis::cmd("BLMOVE")
        .arg("src")
        .arg("dst")
        .arg("LEFT")
        .arg("RIGHT")
        .arg(5)
        .query(&mut reader)
        .unwrap();
    assert_eq!(moved.as_deref(), Some("item"));
    assert_eq!(
        reader.lrange::<_, Vec<String>>("dst", 0, -1).unwrap(),
        ["item"]
    );
    t.join().unwrap();
    server.shutdown();
}

#[test]
fn a_subscriber_that_never_reads_is_disconnected() {
    let server = start();
    let mut lazy = TcpStream::connect(server.addr()).unwrap();
    let confirm = raw(&mut lazy, b"SUBSCRIBE firehose\r\n", 33);
    assert!(confirm.starts_with(b"*3\r\n$9\r\nsubscribe"));
    let mut publisher = client(&server).get_connection().unwrap();
    let message = vec![b'm'; 1024 * 1024];
    let mut subscribers = 1;
    for _ in 0..200 {
        let _: i64 = publisher.publish("firehose", &message).unwrap();
        let counts: (String, i64) = redis::cmd("PUBSUB")
            .arg("NUMSUB")
            .arg("firehose")
            .query(&mut publisher)
            .unwrap();
        subscribers = counts.1;
        if subscribers == 0 {
            break;
        }
    }
    assert_eq!(subscribers, 0, "the unread subscriber is still connected");
    server.shutdown();
}

#[test]
fn a_client_that_hangs_up_without_reading_keeps_its_effects() {
    let server = start();
    let mut s = TcpStream::connect(server.addr()).unwrap();
    let pipeline = b"INCR counter\r\n".repeat(20_000);
    s.write_all(&pipeline).unwrap();
    // Half-close: the server sees the end of the stream after the last command. The client
    // never reads a reply. (Closing outright with replies unread makes the kernel reset the
    // connection and drop whatever the server had not read yet, in Redis as here.)
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let mut con = client(&server).get_connection().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut value: i64 = 0;
    while Instant::now() < deadline {
        value = con.get::<_, Option<i64>>("counter").unwrap().unwrap_or(0);
        if value == 20_000 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(value, 20_000);
    drop(s);
    let pong: String = redis::cmd("PING").query(&mut con).unwrap();
    assert_eq!(pong, "PONG");
    server.shutdown();
}
