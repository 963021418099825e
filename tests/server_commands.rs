//! Command families against a real in-process server, through the `redis` crate.

use redis::{Commands, RedisResult, Value};
use redmoon_server::{Config, Server, ServerHandle};

fn start() -> (ServerHandle, redis::Client) {
    let server = Server::start(Config {
        port: 0,
        ..Config::default()
    })
    .expect("server starts");
    let client = redis::Client::open(format!("redis://{}/", server.addr())).expect("client");
    (server, client)
}

#[test]
fn strings_and_counters() {
    let (server, client) = start();
    let mut con = client.get_connection().unwrap();
    let _: () = con.set("k", "v").unwrap();
    assert_eq!(con.get::<_, String>("k").unwrap(), "v");
    assert_eq!(con.get::<_, Option<String>>("missing").unwrap(), None);
    assert_eq!(con.incr::<_, _, i64>("n", 5).unwrap(), 5);
    assert_eq!(con.decr::<_, _, i64>("n", 2).unwrap(), 3);
    let r: RedisResult<i64> = con.incr("k", 1);
    assert_eq!(
        r.unwrap_err().to_string(),
        "An error was signalled by the server - ResponseError: value is not an integer or out of range"
    );
    let _: () = con.set("f", "10.5").unwrap();
    let v: String = redis::cmd("INCRBYFLOAT")
        .arg("f")
        .arg("0.1")
        .query(&mut con)
        .unwrap();
    assert_eq!(v, "10.6");
    assert_eq!(con.append::<_, _, i64>("k", "w").unwrap(), 2);
    assert_eq!(con.getrange::<_, String>("k", 0, -1).unwrap(), "vw");
    server.shutdown();
}

#[test]
fn expiry_is_lazy_and_active() {
    let (server, client) = start();
    let mut con = client.get_connection().unwrap();
    let _: () = redis::cmd("SET")
        .arg("a")
        .arg("1")
        .arg("PX")
        .arg(1000)
        .query(&mut con)
        .unwrap();
    for i in 0..50 {
        let _: () = redis::cmd("SET")
            .arg(format!("bulk{i}"))
            .arg("x")
            .arg("PX")
            .arg(30)
            .query(&mut con)
            .unwrap();
    }
    assert!(con.pttl::<_, i64>("a").unwrap() > 0);
    // Generous times: a loaded machine must not make this fail.
    std::thread::sleep(std::time::Duration::from_millis(1200));
    // Active expiry removed keys nobody asked for.
    let size: i64 = redis::cmd("DBSIZE").query(&mut con).unwrap();
    assert!(size < 51, "active expiry left {size} keys");
    assert_eq!(con.get::<_, Option<String>>("a").unwrap(), None);
    assert_eq!(con.ttl::<_, i64>("a").unwrap(), -2);
    server.shutdown();
}

#[test]
fn hashes_lists_sets_zsets() {
    let (server, client) = start();
    let mut con = client.get_connection().unwrap();
    let _: () = con.hset_multiple("h", &[("a", "1"), ("b", "2")]).unwrap();
    let all: Vec<(String, String)> = con.hgetall("h").unwrap();
    assert_eq!(
        all,
        vec![("a".into(), "1".into()), ("b".into(), "2".into())]
    );
    assert_eq!(con.hincr::<_, _, _, i64>("h", "a", 10).unwrap(), 11);

    let _: () = con.rpush("l", &["a", "b", "c"]).unwrap();
    assert_eq!(
        con.lrange::<_, Vec<String>>("l", 0, -1).unwrap(),
        ["a", "b", "c"]
    );
    assert_eq!(
        con.lpop::<_, Option<String>>("l", None).unwrap().as_deref(),
        Some("a")
    );

    let _: () = con.sadd("s", &["3", "1", "2"]).unwrap();
    assert_eq!(
        con.smembers::<_, Vec<String>>("s").unwrap(),
        ["1", "2", "3"]
    );
    assert!(con.sismember::<_, _, bool>("s", "2").unwrap());

    let _: () = con.zadd_multiple("z", &[(1.5, "a"), (0.5, "b")]).unwrap();
    let r: Vec<(String, f64)> = con.zrange_withscores("z", 0, -1).unwrap();
    assert_eq!(r, vec![("b".into(), 0.5), ("a".into(), 1.5)]);
    let score: String = redis::cmd("ZSCORE")
        .arg("z")
        .arg("a")
        .query(&mut con)
        .unwrap();
    assert_eq!(score, "1.5");
    let wrong: RedisResult<i64> = con.sadd("z", "x");
    assert!(wrong.unwrap_err().to_string().contains("WRONGTYPE"));
    server.shutdown();
}

#[test]
fn pipelines_answer_in_order() {
    let (server, client) = start();
    let mut con = client.get_connection().unwrap();
    let mut pipe = redis::pipe();
    for i in 0..1000 {
        pipe.cmd("INCR")
            .arg("counter")
            .cmd("GET")
            .arg(format!("missing{i}"));
    }
    let replies: Vec<Value> = pipe.query(&mut con).unwrap();
    assert_eq!(replies.len(), 2000);
    assert_eq!(replies[1998], Value::Int(1000));
    assert_eq!(replies[1999], Value::Nil);
    server.shutdown();
}

#[test]
fn transactions_and_watch() {
    let (server, client) = start();
    let mut con = client.get_connection().unwrap();
    let mut other = client.get_connection().unwrap();
    let (a, b): (i64, i64) = redis::pipe()
        .atomic()
        .incr("x", 1)
        .incr("x", 1)
        .query(&mut con)
        .unwrap();
    assert_eq!((a, b), (1, 2));
    let _: () = redis::cmd("WATCH").arg("x").query(&mut con).unwrap();
    let _: () = other.set("x", 100).unwrap();
    let r: Option<(i64,)> = redis::pipe().atomic().incr("x", 1).query(&mut con).unwrap();
    assert_eq!(r, None, "EXEC after a touched WATCH returns nil");
    // A watched key that merely expires does not abort the transaction (Redis 7.0
    // checked on the oracle); another client writing it after it expired does.
    for (write_after_expiry, expected) in [(false, Some((1,))), (true, None)] {
        let _: () = redis::cmd("SET")
            .arg("t")
            .arg("v")
            .arg("PX")
            .arg(50)
            .query(&mut con)
            .unwrap();
        let _: () = redis::cmd("WATCH").arg("t").query(&mut con).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(120));
        if write_after_expiry {
            let _: () = other.set("t", "again").unwrap();
        }
        let _: () = con.del("y").unwrap();
        let r: Option<(i64,)> = redis::pipe().atomic().incr("y", 1).query(&mut con).unwrap();
        assert_eq!(r, expected, "write after expiry: {write_after_expiry}");
    }
    server.shutdown();
}

#[test]
fn big_values_round_trip() {
    let (server, client) = start();
    let mut con = client.get_connection().unwrap();
    let big = vec![b'x'; 20 * 1024 * 1024];
    let _: () = con.set("big", &big).unwrap();
    let back: Vec<u8> = con.get("big").unwrap();
    assert_eq!(back.len(), big.len());
    assert_eq!(con.strlen::<_, i64>("big").unwrap(), 20 * 1024 * 1024);
    server.shutdown();
}

#[test]
fn scan_returns_every_key_present_throughout_despite_deletes() {
    let (server, client) = start();
    let mut con = client.get_connection().unwrap();
    for i in 0..500 {
        let _: () = con.set(format!("keep{i}"), i).unwrap();
        let _: () = con.set(format!("drop{i}"), i).unwrap();
    }
    let mut seen = std::collections::HashSet::new();
    let mut cursor = 0u64;
    let mut dropped = 0;
    loop {
        let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("COUNT")
            .arg(37)
            .query(&mut con)
            .unwrap();
        seen.extend(keys);
        // Delete keys while the scan goes on.
        for _ in 0..20 {
            if dropped < 500 {
                let _: i64 = con.del(format!("drop{dropped}")).unwrap();
                dropped += 1;
            }
        }
        if next == 0 {
            break;
        }
        cursor = next;
    }
    for i in 0..500 {
        assert!(
            seen.contains(&format!("keep{i}")),
            "keep{i} was not returned"
        );
    }
    server.shutdown();
}

#[test]
fn slowlog_records_slow_commands_newest_first() {
    let (server, client) = start();
    let mut con = client.get_connection().unwrap();
    let _: () = redis::cmd("CONFIG")
        .arg("SET")
        .arg("slowlog-log-slower-than")
        .arg(0)
        .query(&mut con)
        .unwrap();
    let _: () = redis::cmd("CLIENT")
        .arg("SETNAME")
        .arg("me")
        .query(&mut con)
        .unwrap();
    let _: () = redis::cmd("SLOWLOG").arg("RESET").query(&mut con).unwrap();
    let _: () = con.set("k", "v").unwrap();
    // The reset itself was logged (as Redis does), then SET.
    assert_eq!(
        redis::cmd("SLOWLOG")
            .arg("LEN")
            .query::<i64>(&mut con)
            .unwrap(),
        2
    );
    // Newest first: SLOWLOG LEN, then SET (ids count from the server's start).
    let entries: Vec<Value> = redis::cmd("SLOWLOG")
        .arg("GET")
        .arg(2)
        .query(&mut con)
        .unwrap();
    let [Value::Array(len), Value::Array(set)] = entries.as_slice() else {
        panic!("two entries: {entries:?}")
    };
    let args = |fields: &[Value]| redis::from_redis_value::<Vec<String>>(&fields[3]).unwrap();
    assert_eq!(args(len), ["SLOWLOG", "LEN"]);
    assert_eq!(args(set), ["SET", "k", "v"]);
    assert!(
        matches!((&len[0], &set[0]), (Value::Int(4), Value::Int(3))),
        "{entries:?}"
    );
    assert_eq!(redis::from_redis_value::<String>(&set[5]).unwrap(), "me");
    // A negative threshold logs nothing.
    let _: () = redis::cmd("CONFIG")
        .arg("SET")
        .arg("slowlog-log-slower-than")
        .arg(-1)
        .query(&mut con)
        .unwrap();
    let _: () = redis::cmd("SLOWLOG").arg("RESET").query(&mut con).unwrap();
    let _: () = con.set("k", "w").unwrap();
    assert_eq!(
        redis::cmd("SLOWLOG")
            .arg("LEN")
            .query::<i64>(&mut con)
            .unwrap(),
        0
    );
    server.shutdown();
}

#[test]
fn debug_sleep_and_active_expire_when_enabled() {
    let server = Server::start(Config {
        port: 0,
        enable_debug_command: "yes".into(),
        ..Config::default()
    })
    .expect("server starts");
    let client = redis::Client::open(format!("redis://{}/", server.addr())).unwrap();
    let mut con = client.get_connection().unwrap();
    let started = std::time::Instant::now();
    let _: () = redis::cmd("DEBUG")
        .arg("SLEEP")
        .arg("0.2")
        .query(&mut con)
        .unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_millis(200));
    // With active expiry off, an expired key stays counted until something reads it.
    let _: () = redis::cmd("DEBUG")
        .arg("SET-ACTIVE-EXPIRE")
        .arg(0)
        .query(&mut con)
        .unwrap();
    let _: () = redis::cmd("SET")
        .arg("t")
        .arg("v")
        .arg("PX")
        .arg(10)
        .query(&mut con)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(redis::cmd("DBSIZE").query::<i64>(&mut con).unwrap(), 1);
    assert_eq!(con.get::<_, Option<String>>("t").unwrap(), None);
    assert_eq!(redis::cmd("DBSIZE").query::<i64>(&mut con).unwrap(), 0);
    let r: RedisResult<()> = redis::cmd("DEBUG").arg("RELOAD").query(&mut con);
    assert!(r
        .unwrap_err()
        .to_string()
        .contains("unknown subcommand or wrong number of arguments for 'RELOAD'"));
    server.shutdown();
}
