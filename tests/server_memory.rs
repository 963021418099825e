//! MEMORY USAGE, STATS, MALLOC-STATS and DOCTOR against an in-process server: their
//! numbers are this server's own (the recorded cases in conformance/redis/memory.json
//! cover every deterministic reply), so these tests check their shape and their sense.

use redis::Value;
use redmoon_server::{Config, Server, ServerHandle};

fn start() -> (ServerHandle, redis::Connection) {
    let server = Server::start(Config {
        port: 0,
        ..Config::default()
    })
    .expect("server starts");
    let client = redis::Client::open(format!("redis://{}/", server.addr())).expect("client");
    let con = client.get_connection().expect("connects");
    (server, con)
}

fn usage(con: &mut redis::Connection, key: &str, samples: Option<i64>) -> Option<i64> {
    let mut cmd = redis::cmd("MEMORY");
    cmd.arg("USAGE").arg(key);
    if let Some(n) = samples {
        cmd.arg("SAMPLES").arg(n);
    }
    cmd.query(con).expect("MEMORY USAGE answers")
}

fn run(con: &mut redis::Connection, args: &[&str]) {
    let _: Value = redis::cmd(args[0])
        .arg(&args[1..])
        .query(con)
        .expect("command runs");
}

#[test]
fn usage_grows_with_the_value() {
    let (server, mut con) = start();
    assert_eq!(usage(&mut con, "missing", None), None);
    run(&mut con, &["SET", "int", "12345"]);
    run(&mut con, &["SET", "short", "hello"]);
    run(&mut con, &["SET", "long", &"x".repeat(1000)]);
    let int = usage(&mut con, "int", None).unwrap();
    let short = usage(&mut con, "short", None).unwrap();
    let long = usage(&mut con, "long", None).unwrap();
    assert!(int > 0 && int <= short, "{int} {short}");
    assert!(short < 100, "{short}");
    assert!((1000..1200).contains(&long), "{long}");

    let small: Vec<String> = (0..10).map(|i| format!("element-{i}")).collect();
    let big: Vec<String> = (0..2000).map(|i| format!("element-{i}")).collect();
    for (kind, cmd) in [("list", "RPUSH"), ("set", "SADD")] {
        let mut args = vec![cmd, kind];
        args.extend(small.iter().map(|s| s.as_str()));
        run(&mut con, &args);
        let small_usage = usage(&mut con, kind, None).unwrap();
        let big_key = format!("big{kind}");
        let mut args = vec![cmd, big_key.as_str()];
        args.extend(big.iter().map(|s| s.as_str()));
        run(&mut con, &args);
        let big_usage = usage(&mut con, &big_key, Some(0)).unwrap();
        assert!(small_usage > 10 * 8, "{kind}: {small_usage}");
        assert!(big_usage > 2000 * 10, "{kind}: {big_usage}");
        assert!(
            big_usage > 50 * small_usage,
            "{kind}: {small_usage} {big_usage}"
        );
        // Sampling a few elements of same-sized members extrapolates to the same order.
        let sampled = usage(&mut con, &big_key, Some(3)).unwrap();
        assert!(sampled * 2 > big_usage && sampled < big_usage * 2);
    }
    run(&mut con, &["HSET", "h", "f1", "v1", "f2", "v2"]);
    run(&mut con, &["ZADD", "z", "1", "a", "2", "b"]);
    run(
        &mut con,
        &["GEOADD", "g", "13.361389", "38.115556", "Palermo"],
    );
    run(&mut con, &["XADD", "s", "*", "f", "v"]);
    for key in ["h", "z", "g", "s"] {
        let n = usage(&mut con, key, None).unwrap();
        assert!((16..10_000).contains(&n), "{key}: {n}");
    }
    server.shutdown();
}

#[test]
fn stats_lists_redis_fields_with_our_numbers() {
    let (server, mut con) = start();
    run(&mut con, &["SET", "a", "1"]);
    run(&mut con, &["SET", "b", "2", "EX", "100"]);
    let stats: Vec<Value> = redis::cmd("MEMORY").arg("STATS").query(&mut con).unwrap();
    let mut names = Vec::new();
    let mut fields = std::collections::HashMap::new();
    for pair in stats.chunks(2) {
        let name = match &pair[0] {
            Value::BulkString(b) => String::from_utf8(b.clone()).unwrap(),
            other => panic!("field name {other:?}"),
        };
        names.push(name.clone());
        fields.insert(name, pair[1].clone());
    }
    assert_eq!(
        names,
        [
            "peak.allocated",
            "total.allocated",
            "startup.allocated",
            "replication.backlog",
            "clients.slaves",
            "clients.normal",
            "cluster.links",
            "aof.buffer",
            "lua.caches",
            "functions.caches",
            "db.0",
            "overhead.total",
            "keys.count",
            "keys.bytes-per-key",
            "dataset.bytes",
            "dataset.percentage",
            "peak.percentage",
            "allocator.allocated",
            "allocator.active",
            "allocator.resident",
            "allocator-fragmentation.ratio",
            "allocator-fragmentation.bytes",
            "allocator-rss.ratio",
            "allocator-rss.bytes",
            "rss-overhead.ratio",
            "rss-overhead.bytes",
            "fragmentation",
            "fragmentation.bytes",
        ]
    );
    let int = |name: &str| match &fields[name] {
        Value::Int(n) => *n,
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(int("keys.count"), 2);
    assert!(int("total.allocated") > int("startup.allocated"));
    assert!(int("dataset.bytes") > 0);
    assert!(int("keys.bytes-per-key") > 0);
    match &fields["db.0"] {
        Value::Array(items) => {
            assert_eq!(items.len(), 6);
            assert_eq!(
                items[0],
                Value::BulkString(b"overhead.hashtable.main".to_vec())
            );
            assert!(
                matches!(items[3], Value::Int(n) if n > 0),
                "one key expires"
            );
        }
        other => panic!("db.0: {other:?}"),
    }
    // RESP2 sends the doubles as bulk strings.
    assert!(matches!(
        &fields["dataset.percentage"],
        Value::BulkString(_)
    ));
    server.shutdown();
}

#[test]
fn malloc_stats_and_doctor_speak_for_this_server() {
    let (server, mut con) = start();
    let stats: String = redis::cmd("MEMORY")
        .arg("MALLOC-STATS")
        .query(&mut con)
        .unwrap();
    assert_eq!(stats, "Stats not supported for the current allocator");
    let empty: String = redis::cmd("MEMORY").arg("DOCTOR").query(&mut con).unwrap();
    assert!(empty.starts_with("Hi Sam, this instance is empty"));
    let value = "v".repeat(1 << 20);
    for i in 0..6 {
        run(&mut con, &["SET", &format!("big{i}"), &value]);
    }
    let report: String = redis::cmd("MEMORY").arg("DOCTOR").query(&mut con).unwrap();
    assert_eq!(
        report,
        "Hi Sam, I can't find any memory issue in your instance. I can only account for \
         what occurs on this base.\n"
    );
    server.shutdown();
}
