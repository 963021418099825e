//! GEO commands under hostile arguments: every combination of extreme coordinates,
//! radii, counts and options gets a reply (a value or an error), and the server keeps
//! serving. Exact replies are the recorded cases in conformance/redis/geo.json.

use redis::{ErrorKind, Value};
use redmoon_server::{Config, Server};

/// Arguments that have broken geo code before: non-numbers, infinities, limits,
/// huge and negative counts, and every keyword in the wrong place.
const POOL: &[&str] = &[
    "nan",
    "inf",
    "-inf",
    "1e308",
    "-1e308",
    "0",
    "-0",
    "1e-320",
    "180",
    "-180",
    "180.0000001",
    "85.05112878",
    "-85.05112878",
    "85.06",
    "13.361389",
    "38.115556",
    "200",
    "5000",
    "abc",
    "",
    "-1",
    "1",
    "7",
    "9223372036854775807",
    "-9223372036854775808",
    "COUNT",
    "ANY",
    "ASC",
    "DESC",
    "STORE",
    "STOREDIST",
    "WITHDIST",
    "WITHCOORD",
    "WITHHASH",
    "FROMMEMBER",
    "FROMLONLAT",
    "BYRADIUS",
    "BYBOX",
    "m",
    "km",
    "ft",
    "mi",
    "NX",
    "XX",
    "CH",
    "p1",
    "p2",
    "odd",
    "g",
    "dst",
];

const COMMANDS: &[&str] = &[
    "GEOADD",
    "GEOPOS",
    "GEODIST",
    "GEOHASH",
    "GEORADIUS",
    "GEORADIUS_RO",
    "GEORADIUSBYMEMBER",
    "GEORADIUSBYMEMBER_RO",
    "GEOSEARCH",
    "GEOSEARCHSTORE",
];

/// A small deterministic generator (xorshift), so a failure replays.
struct Gen(u64);

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn hostile_arguments_get_replies() {
    let server = Server::start(Config {
        port: 0,
        ..Config::default()
    })
    .expect("server starts");
    let client = redis::Client::open(format!("redis://{}/", server.addr())).expect("client");
    let mut con = client.get_connection().expect("connects");
    let setup: &[&[&str]] = &[
        &[
            "GEOADD",
            "g",
            "13.361389",
            "38.115556",
            "p1",
            "15.087269",
            "37.502669",
            "p2",
            "180",
            "85.05112878",
            "corner",
            "-180",
            "-85.05112878",
            "corner2",
            "0",
            "0",
            "zero",
        ],
        // Scores no GEOADD makes.
        &[
            "ZADD", "g", "-1", "odd", "1e300", "huge", "inf", "top", "-inf", "bottom",
        ],
    ];
    for cmd in setup {
        let _: Value = redis::cmd(cmd[0]).arg(&cmd[1..]).query(&mut con).unwrap();
    }
    let mut gen = Gen(0x9e37_79b9_7f4a_7c15);
    let mut errors = 0;
    for _ in 0..4000 {
        let name = COMMANDS[gen.below(COMMANDS.len())];
        let mut cmd = redis::cmd(name);
        // Mostly the geo key, sometimes another key, then random arguments.
        cmd.arg(if gen.below(8) == 0 { "dst" } else { "g" });
        for _ in 0..gen.below(12) {
            cmd.arg(POOL[gen.below(POOL.len())]);
        }
        match cmd.query::<Value>(&mut con) {
            Ok(_) => {}
            Err(e) => {
                assert!(
                    matches!(
                        e.kind(),
                        ErrorKind::ResponseError | ErrorKind::ExtensionError
                    ),
                    "{name}: {e}"
                );
                errors += 1;
            }
        }
    }
    // Most random combinations are wrong, but not all of them.
    assert!(errors > 1000 && errors < 4000, "{errors}");
    let pong: String = redis::cmd("PING").query(&mut con).unwrap();
    assert_eq!(pong, "PONG");
    server.shutdown();
}

#[test]
fn huge_radius_and_counts_find_every_point() {
    let server = Server::start(Config {
        port: 0,
        ..Config::default()
    })
    .expect("server starts");
    let client = redis::Client::open(format!("redis://{}/", server.addr())).expect("client");
    let mut con = client.get_connection().expect("connects");
    let mut add = redis::cmd("GEOADD");
    add.arg("g");
    for i in 0..500 {
        let lon = -179.0 + (i as f64 * 0.7131) % 358.0;
        let lat = -84.0 + (i as f64 * 0.3377) % 168.0;
        add.arg(lon).arg(lat).arg(format!("m{i}"));
    }
    let added: i64 = add.query(&mut con).unwrap();
    assert_eq!(added, 500);
    for radius in ["20000", "1e10", "inf"] {
        let found: Vec<String> = redis::cmd("GEOSEARCH")
            .arg(&["g", "FROMLONLAT", "0", "0", "BYRADIUS", radius, "km"])
            .query(&mut con)
            .unwrap();
        assert_eq!(found.len(), 500, "radius {radius}");
    }
    let nearest: Vec<String> = redis::cmd("GEORADIUS")
        .arg(&["g", "0", "0", "inf", "km", "COUNT", "9223372036854775807"])
        .query(&mut con)
        .unwrap();
    assert_eq!(nearest.len(), 500);
    let some: Vec<String> = redis::cmd("GEORADIUS")
        .arg(&["g", "0", "0", "inf", "km", "COUNT", "3", "ANY"])
        .query(&mut con)
        .unwrap();
    assert_eq!(some.len(), 3);
    server.shutdown();
}
