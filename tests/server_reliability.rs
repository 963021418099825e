//! Limits a user can set and what the server does at them: the Lua memory limit, SCRIPT
//! KILL of a script that wrote (its writes rolled back, or `-UNKILLABLE` with
//! `script-kill-rollback no`), and `maxclients`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use redmoon_server::{Config, Server, ServerHandle};

fn start(config: Config) -> ServerHandle {
    Server::start(Config { port: 0, ..config }).expect("server starts")
}

/// A raw connection that reads replies as the server wrote them.
struct Raw(BufReader<TcpStream>);

impl Raw {
    fn connect(server: &ServerHandle) -> Raw {
        let s = TcpStream::connect(server.addr()).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        Raw(BufReader::new(s))
    }

    fn send(&mut self, args: &[&str]) {
        let mut out = format!("*{}\r\n", args.len());
        for a in args {
            out.push_str(&format!("${}\r\n{a}\r\n", a.len()));
        }
        self.0.get_mut().write_all(out.as_bytes()).expect("write");
    }

    /// One reply, as text: simple replies keep their type byte, a bulk string is its
    /// content, `(nil)` a null, and an array its elements joined by `,` in brackets.
    fn read(&mut self) -> String {
        let mut line = String::new();
        self.0.read_line(&mut line).expect("read");
        let line = line.trim_end().to_string();
        if let Some(len) = line.strip_prefix('$') {
            let Ok(len) = len.parse::<usize>() else {
                return "(nil)".to_string();
            };
            let mut body = vec![0u8; len + 2];
            self.0.read_exact(&mut body).expect("read bulk");
            return String::from_utf8_lossy(&body[..len]).into_owned();
        }
        if let Some(n) = line.strip_prefix('*') {
            let n: i64 = n.parse().unwrap_or(-1);
            let items: Vec<String> = (0..n.max(0)).map(|_| self.read()).collect();
            return format!("[{}]", items.join(","));
        }
        line
    }

    fn call(&mut self, args: &[&str]) -> String {
        self.send(args);
        self.read()
    }
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
