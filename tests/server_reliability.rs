//! Limits a user can set and what the server does at them: the Lua memory limit, SCRIPT
//! KILL of a script that wrote (its writes rolled back, or `-UNKILLABLE` with
//! `script-kill-rollback no`), and `maxclients`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use redmoon_server::{Config, Server, ServerHandle};

mod raw;
use raw::Raw;

fn start(config: Config) -> ServerHandle {
    Server::start(Config { port: 0, ..config }).expect("server starts")
}

#[test]
fn a_script_over_the_lua_memory_limit_fails_and_the_engine_stays_usable() {
    let server = start(Config::default());
    let mut con = Raw::connect(&server);
    assert_eq!(
        con.call(&["CONFIG", "GET", "lua-memory-limit"]),
        "[lua-memory-limit,1073741824]"
    );
    assert_eq!(
        con.call(&["CONFIG", "SET", "lua-memory-limit", "8mb"]),
        "+OK"
    );
    assert_eq!(
        con.call(&["CONFIG", "GET", "lua-memory-limit"]),
        "[lua-memory-limit,8388608]"
    );
    let hoard = "local t = {} for i = 1, 1e7 do t[i] = 'value ' .. i end return #t";
    let reply = con.call(&["EVAL", hoard, "0"]);
    assert!(
        reply.starts_with("-ERR not enough memory script: "),
        "{reply}"
    );
    let big = "return #string.rep('x', 64 * 1024 * 1024)";
    let reply = con.call(&["EVAL", big, "0"]);
    assert!(
        reply.starts_with("-ERR not enough memory script: "),
        "{reply}"
    );
    // The engine goes on, and a script that fits runs.
    assert_eq!(
        con.call(&["EVAL", "return #string.rep('x', 1000)", "0"]),
        ":1000"
    );
    assert_eq!(con.call(&["SET", "k", "v"]), "+OK");
    assert_eq!(
        con.call(&["EVAL", "return redis.call('get', KEYS[1])", "1", "k"]),
        "v"
    );
    // Functions have the same limit.
    let lib = "#!lua name=hoard\nredis.register_function('hoard', function() \
               local t = {} for i = 1, 1e7 do t[i] = 'value ' .. i end return #t end)";
    assert_eq!(con.call(&["FUNCTION", "LOAD", lib]), "hoard");
    let reply = con.call(&["FCALL", "hoard", "0"]);
    assert!(
        reply.starts_with("-ERR not enough memory script: hoard"),
        "{reply}"
    );
    // A library that hoards while it loads fails to load, and the next one loads.
    let greedy = "#!lua name=greedy\nlocal s = 'x' for i = 1, 40 do s = s .. s end \
                  redis.register_function('greedy', function() return 1 end)";
    let reply = con.call(&["FUNCTION", "LOAD", greedy]);
    assert!(reply.contains("not enough memory"), "{reply}");
    let small = "#!lua name=small\nredis.register_function('small', function() return 7 end)";
    assert_eq!(con.call(&["FUNCTION", "LOAD", small]), "small");
    assert_eq!(con.call(&["FCALL", "small", "0"]), ":7");
    // Raised again, the same script completes.
    assert_eq!(
        con.call(&["CONFIG", "SET", "lua-memory-limit", "2gb"]),
        "+OK"
    );
    assert_eq!(
        con.call(&["EVAL", "return #string.rep('x', 64 * 1024 * 1024)", "0"]),
        ":67108864"
    );
    assert_eq!(
        con.call(&["CONFIG", "SET", "lua-memory-limit", "lots"]),
        "-ERR CONFIG SET failed (possibly related to argument 'lua-memory-limit') - argument must be a memory value"
    );
    server.shutdown();
}

/// Every key of databases 0 to 2 with its type, absolute expiry and contents, one line
/// each, read by a script (so the view is atomic).
const SNAPSHOT: &str = r#"
local out = {}
for db = 0, 2 do
  redis.call('select', db)
  local keys = redis.call('keys', '*')
  table.sort(keys)
  for _, k in ipairs(keys) do
    local t = redis.call('type', k).ok
    local v
    if t == 'string' then v = redis.call('get', k)
    elseif t == 'list' then v = table.concat(redis.call('lrange', k, 0, -1), ',')
    elseif t == 'hash' then v = table.concat(redis.call('hgetall', k), ',')
    elseif t == 'set' then
      local m = redis.call('smembers', k) table.sort(m) v = table.concat(m, ',')
    elseif t == 'zset' then v = table.concat(redis.call('zrange', k, 0, -1, 'withscores'), ',')
    else v = '?' end
    out[#out + 1] = db .. ' ' .. k .. ' ' .. t .. ' ' .. redis.call('pexpiretime', k) .. ' ' .. v
  end
end
return table.concat(out, ';')
"#;

/// Keys of every type, with and without a TTL, in databases 0 and 1.
fn fill(con: &mut Raw) {
    for cmd in [
        &["SET", "str", "before"][..],
        &["SET", "counter", "10", "PX", "600000"],
        &["RPUSH", "list", "a", "b", "c"],
        &["HSET", "hash", "f1", "v1", "f2", "v2"],
        &["SADD", "set", "x", "y"],
        &["ZADD", "zset", "1", "m1", "2", "m2"],
        &["SET", "doomed", "d", "EX", "1000"],
        &["SET", "kept", "only a GEORADIUS destination"],
        &["SELECT", "1"],
        &["SET", "other", "db1"],
        &["RPUSH", "q", "j1"],
        &["SELECT", "0"],
    ] {
        let reply = con.call(cmd);
        assert!(!reply.starts_with('-'), "{cmd:?}: {reply}");
    }
}

/// Polls with PING until the server answers something else than PONG.
fn wait_for_busy(con: &mut Raw) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let reply = con.call(&["PING"]);
        if reply != "+PONG" || Instant::now() > deadline {
            return reply;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

const BUSY_EVAL: &str =
    "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";

fn busy_server(rollback: bool) -> ServerHandle {
    start(Config {
        busy_reply_threshold_ms: 100,
        script_kill_rollback: rollback,
        ..Config::default()
    })
}

/// Runs `script` (which writes, then never ends) on its own connection, kills it once
/// the server answers BUSY, and checks that the caller gets the kill error within
/// 100 ms and that the data is as before.
fn kill_rolls_back(server: &ServerHandle, call: &[&str], kill: &str, killed_error: &str) {
    let mut con = Raw::connect(server);
    let before = con.call(&["EVAL", SNAPSHOT, "0"]);
    let mut runner = Raw::connect(server);
    runner.send(call);
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = thread::spawn(move || {
        let reply = runner.read();
        tx.send(Instant::now()).unwrap();
        reply
    });
    thread::sleep(Duration::from_millis(150));
    let busy = wait_for_busy(&mut con);
    assert!(
        busy.starts_with("-BUSY Redis is busy running a script."),
        "{busy}"
    );
    let killed_at = Instant::now();
    assert_eq!(con.call(&[kill, "KILL"]), "+OK", "{call:?}");
    let answered_at = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("the script ends");
    let reply = reader.join().unwrap();
    assert!(reply.starts_with(killed_error), "{call:?}: {reply}");
    let took = answered_at.saturating_duration_since(killed_at);
    assert!(
        took < Duration::from_millis(100),
        "{call:?}: killed in {took:?}"
    );
    assert_eq!(con.call(&["EVAL", SNAPSHOT, "0"]), before, "{call:?}");
    assert_eq!(con.call(&["PING"]), "+PONG");
}

const KILLED: &str = "-ERR Script killed by user with SCRIPT KILL... script: ";

#[test]
fn script_kill_rolls_back_a_script_that_wrote() {
    let server = busy_server(true);
    let mut con = Raw::connect(&server);
    fill(&mut con);
    let writes = "redis.call('set', 'str', 'after') redis.call('incr', 'counter') \
        redis.call('persist', 'counter') redis.call('rpush', 'list', 'd') \
        redis.call('lpop', 'list') redis.call('hset', 'hash', 'f1', 'changed', 'f3', 'new') \
        redis.call('hdel', 'hash', 'f2') redis.call('sadd', 'set', 'z') \
        redis.call('zincrby', 'zset', 5, 'm1') redis.call('del', 'doomed') \
        redis.call('set', 'created', 'new', 'EX', 100) redis.call('rename', 'set', 'set2') \
        redis.call('expire', 'str', 50) redis.call('set', 'list', 'now a string') \
        redis.call('select', 1) redis.call('del', 'other') redis.call('rpush', 'q', 'j2') \
        redis.call('set', 'made-in-1', 'x') redis.call('move', 'made-in-1', 2) \
        redis.call('copy', 'q', 'qcopy', 'db', 0) redis.call('select', 0) \
        redis.call('geoadd', 'places', 13.36, 38.11, 'palermo', 15.08, 37.5, 'catania') \
        redis.call('georadius', 'places', 15, 37, 200, 'km', 'store', 'near') \
        redis.call('geosearchstore', 'near2', 'places', 'frommember', 'palermo', \
                   'byradius', 300, 'km') \
        redis.call('zadd', 'zset', 9, 'm9') \
        redis.call('georadius', 'zset', 0, 0, 1, 'km', 'storedist', 'kept') ";
    let loops = [
        "while true do end",
        // Natives that loop long: a backtracking pattern, a comparator that never ends,
        // gsub over a large subject.
        "string.find(string.rep('a', 100000), '.-.-.-.-.-b')",
        "local t = {} for i = 1, 100 do t[i] = i end \
         table.sort(t, function(a, b) while true do end end)",
        "local s = string.rep('a', 100000) while true do s = string.gsub(s, '.-.-.-b', 'x') end",
        "while true do pcall(function() while true do end end) end",
        "while true do coroutine.resume(coroutine.create(function() while true do end end)) end",
    ];
    for body in loops {
        let script = format!("{writes} {body}");
        kill_rolls_back(&server, &["EVAL", &script, "0"], "SCRIPT", KILLED);
    }
    // Whole-database writes.
    let flushes = "redis.call('set', 'str', 'x') redis.call('flushdb') \
        redis.call('set', 'str', 'after flush') redis.call('swapdb', 0, 1) \
        redis.call('set', 'str', 'after swap') redis.call('rpush', 'q', 'j3') \
        redis.call('flushall') redis.call('set', 'counter', 'after flushall') \
        redis.call('swapdb', 1, 2) redis.call('select', 2) redis.call('rpush', 'q', 'j4') \
        while true do end";
    kill_rolls_back(&server, &["EVAL", flushes, "0"], "SCRIPT", KILLED);
    // Many keys (past the log's linear search).
    let many = "for i = 1, 200 do redis.call('set', 'k' .. (i % 50), i) \
        redis.call('incr', 'counter') end while true do end";
    kill_rolls_back(&server, &["EVAL", many, "0"], "SCRIPT", KILLED);
    // FUNCTION KILL takes a function's writes back the same way.
    let lib = format!(
        "#!lua name=writer\nredis.register_function('writer', function() {writes} \
         while true do end end)"
    );
    assert_eq!(con.call(&["FUNCTION", "LOAD", &lib]), "writer");
    kill_rolls_back(
        &server,
        &["FCALL", "writer", "0"],
        "FUNCTION",
        "-ERR Script killed by user with SCRIPT KILL... script: writer, on @user_function:",
    );
    // The engines go on.
    assert_eq!(
        con.call(&["EVAL", "return redis.call('get', 'str')", "0"]),
        "before"
    );
    server.shutdown();
}

#[test]
fn without_rollback_a_script_that_wrote_is_unkillable() {
    let server = busy_server(false);
    let mut con = Raw::connect(&server);
    assert_eq!(
        con.call(&["CONFIG", "GET", "script-kill-rollback"]),
        "[script-kill-rollback,no]"
    );
    let body =
        "redis.call('set', 'k', 'v') local i = 0 while i < 3e7 do i = i + 1 end return 'done'";
    let mut runner = Raw::connect(&server);
    runner.send(&["EVAL", body, "0"]);
    let script = thread::spawn(move || runner.read());
    thread::sleep(Duration::from_millis(150));
    assert_eq!(wait_for_busy(&mut con), BUSY_EVAL);
    let unkillable = "-UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
    assert_eq!(con.call(&["SCRIPT", "KILL"]), unkillable);
    // As in Redis, the write is checked before the kind of script.
    assert_eq!(con.call(&["FUNCTION", "KILL"]), unkillable);
    assert_eq!(script.join().unwrap(), "done");
    assert_eq!(con.call(&["GET", "k"]), "v");
    // Switched on at runtime, the next script that wrote can be killed.
    assert_eq!(
        con.call(&["CONFIG", "SET", "script-kill-rollback", "yes"]),
        "+OK"
    );
    kill_rolls_back(
        &server,
        &["EVAL", "redis.call('set', 'k', 'w') while true do end", "0"],
        "SCRIPT",
        KILLED,
    );
    assert_eq!(con.call(&["GET", "k"]), "v");
    assert_eq!(
        con.call(&["CONFIG", "SET", "script-kill-rollback", "maybe"]),
        "-ERR CONFIG SET failed (possibly related to argument 'script-kill-rollback') - argument must be 'yes' or 'no'"
    );
    server.shutdown();
}

#[test]
fn an_undo_log_past_its_limit_is_given_up_and_the_script_is_unkillable() {
    let server = busy_server(true);
    let mut con = Raw::connect(&server);
    assert_eq!(
        con.call(&["CONFIG", "SET", "script-kill-rollback-max-memory", "1mb"]),
        "+OK"
    );
    assert_eq!(
        con.call(&["CONFIG", "GET", "script-kill-rollback-max-memory"]),
        "[script-kill-rollback-max-memory,1048576]"
    );
    let fill = "for i = 1, 200 do redis.call('set', 'big' .. i, string.rep('x', 10000)) end";
    assert_eq!(con.call(&["EVAL", fill, "0"]), "(nil)");
    // Overwriting 2 MB of values passes the log's limit.
    let body = "for i = 1, 200 do redis.call('set', 'big' .. i, 'small') end \
                local i = 0 while i < 3e7 do i = i + 1 end return 'done'";
    let mut runner = Raw::connect(&server);
    runner.send(&["EVAL", body, "0"]);
    let script = thread::spawn(move || runner.read());
    thread::sleep(Duration::from_millis(150));
    assert_eq!(wait_for_busy(&mut con), BUSY_EVAL);
    assert!(con
        .call(&["SCRIPT", "KILL"])
        .starts_with("-UNKILLABLE Sorry the script already executed write commands"));
    assert_eq!(script.join().unwrap(), "done");
    assert_eq!(con.call(&["GET", "big7"]), "small");
    server.shutdown();
}

const MAX_CLIENTS: &str = "-ERR max number of clients reached";

/// Connects and sends PING; the first reply line.
fn ping_new(addr: std::net::SocketAddr) -> (TcpStream, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(b"PING\r\n").unwrap();
    let mut line = String::new();
    let _ = BufReader::new(s.try_clone().unwrap()).read_line(&mut line);
    (s, line.trim_end().to_string())
}

/// Waits until INFO reports `n` connected clients (the asker included).
fn wait_for_clients(con: &mut Raw, n: usize) {
    let want = format!("connected_clients:{n}\r\n");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let info = con.call(&["INFO", "clients"]);
        if info.contains(&want) {
            return;
        }
        assert!(Instant::now() < deadline, "never {want:?}: {info}");
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn maxclients_refuses_the_connections_over_it_and_serves_the_rest() {
    let server = start(Config {
        maxclients: 500,
        ..Config::default()
    });
    let addr = server.addr();
    let mut admitted = Vec::new();
    for _ in 0..500 {
        let (s, reply) = ping_new(addr);
        assert_eq!(reply, "+PONG");
        admitted.push(s);
    }
    for _ in 0..500 {
        let (_, reply) = ping_new(addr);
        assert_eq!(reply, MAX_CLIENTS);
    }
    // The admitted clients are still served.
    for s in admitted.iter_mut().step_by(50) {
        s.write_all(b"PING\r\n").unwrap();
        let mut buf = [0u8; 7];
        s.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"+PONG\r\n");
    }
    // Room made by clients leaving is given to new ones.
    let mut con = Raw(BufReader::new(admitted.pop().unwrap()));
    admitted.truncate(399);
    wait_for_clients(&mut con, 400);
    assert!(con
        .call(&["INFO", "stats"])
        .contains("rejected_connections:500\r\n"));
    let mut newcomers = Vec::new();
    for _ in 0..100 {
        let (s, reply) = ping_new(addr);
        assert_eq!(reply, "+PONG");
        newcomers.push(s);
    }
    assert_eq!(ping_new(addr).1, MAX_CLIENTS);
    // CONFIG SET maxclients applies to the next connections.
    assert_eq!(con.call(&["CONFIG", "SET", "maxclients", "600"]), "+OK");
    assert_eq!(ping_new(addr).1, "+PONG");
    server.shutdown();
}

/// The server binary, started by `sh` under `ulimit -n <fd_limit>` with `args`; its
/// address, read from its first log line.
fn spawn_binary(fd_limit: u32, args: &str) -> (std::process::Child, std::net::SocketAddr) {
    let command = format!(
        "ulimit -n {fd_limit} && exec {} --port 0 {args}",
        env!("CARGO_BIN_EXE_redmoon-server")
    );
    let mut child = std::process::Command::new("sh")
        .args(["-c", &command])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("piped stderr"));
    let mut log = String::new();
    while !log.contains("Ready to accept connections") {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("the server stopped: {log}");
        }
        log.push_str(&line);
    }
    // Keep draining the log so the server never blocks on a full pipe.
    thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    let addr = log
        .trim_end()
        .rsplit(' ')
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {log:?}"));
    (child, addr)
}

/// 10,000 idle clients, the default `maxclients`, against the server binary (its own
/// process: both ends of 10,000 connections in one process would pass the fd limit).
#[test]
fn ten_thousand_idle_clients_fit_and_the_next_is_refused() {
    let (mut child, addr) = spawn_binary(10100, "--maxclients 10000");
    let (mut checker, reply) = ping_new(addr);
    assert_eq!(reply, "+PONG");
    let mut idle = Vec::new();
    for i in 0..9999 {
        match TcpStream::connect(addr) {
            Ok(s) => idle.push(s),
            Err(e) => panic!("connection {i}: {e}"),
        }
    }
    let mut con = Raw(BufReader::new(checker.try_clone().unwrap()));
    wait_for_clients(&mut con, 10000);
    assert_eq!(ping_new(addr).1, MAX_CLIENTS);
    checker.write_all(b"PING\r\n").unwrap();
    assert_eq!(con.read(), "+PONG");
    drop(idle.pop());
    wait_for_clients(&mut con, 9999);
    assert_eq!(ping_new(addr).1, "+PONG");
    let _ = child.kill();
    let _ = child.wait();
}

/// Under a low open-files limit, `maxclients` is lowered to fit (as Redis does), so the
/// clients over it are refused with the error instead of waiting for a descriptor.
#[test]
fn maxclients_fits_the_open_files_limit() {
    let (mut child, addr) = spawn_binary(200, "");
    let (checker, reply) = ping_new(addr);
    assert_eq!(reply, "+PONG");
    let mut con = Raw(BufReader::new(checker));
    assert_eq!(
        con.call(&["CONFIG", "GET", "maxclients"]),
        "[maxclients,168]"
    );
    // Raising it past what the descriptors allow is refused, as Redis does.
    assert_eq!(
        con.call(&["CONFIG", "SET", "maxclients", "10000"]),
        "-ERR CONFIG SET failed (possibly related to argument 'maxclients') - The operating \
         system is not able to handle the specified number of clients, try with 168"
    );
    assert_eq!(con.call(&["CONFIG", "SET", "maxclients", "168"]), "+OK");
    let mut admitted = vec![];
    for _ in 1..168 {
        let (s, reply) = ping_new(addr);
        assert_eq!(reply, "+PONG");
        admitted.push(s);
    }
    for _ in 0..50 {
        assert_eq!(ping_new(addr).1, MAX_CLIENTS);
    }
    assert_eq!(con.call(&["PING"]), "+PONG");
    let _ = child.kill();
    let _ = child.wait();
}
