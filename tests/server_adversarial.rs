//! Scripts and client input written to break the server, sent through a real
//! server over TCP (tests/adversarial_lua.rs covers the VM alone). Each must
//! end in an error reply or a correct result while other connections keep
//! being served. Expected replies are redis-server 7.0.15's (checked on the
//! oracle); where the oracle crashes or hangs, the test says so and asserts
//! our error instead.
//!
//! No script here needs a Lua memory limit: the ones that would grow without
//! end run until SCRIPT KILL, which works with the default configuration.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use redmoon_server::{Config, Server, ServerHandle};

/// A server whose busy threshold is short, so runaway scripts are killed fast.
fn start() -> ServerHandle {
    Server::start(Config {
        port: 0,
        busy_reply_threshold_ms: 100,
        ..Config::default()
    })
    .expect("server starts")
}

/// A RESP2 client on a raw socket that keeps replies as the bytes sent.
struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    fn connect(server: &ServerHandle) -> Client {
        let stream = TcpStream::connect(server.addr()).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        Client {
            stream,
            buf: Vec::new(),
        }
    }

    fn send(&mut self, args: &[&[u8]]) {
        let mut out = format!("*{}\r\n", args.len()).into_bytes();
        for a in args {
            out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            out.extend_from_slice(a);
            out.extend_from_slice(b"\r\n");
        }
        self.stream.write_all(&out).expect("send");
    }

    /// The bytes of the next whole reply (nested arrays included).
    fn read_reply(&mut self) -> Vec<u8> {
        self.try_read_reply()
            .expect("a reply before the read timeout")
    }

    /// The next whole reply, or `None` when the read timeout passes first.
    fn try_read_reply(&mut self) -> Option<Vec<u8>> {
        loop {
            if let Some(n) = reply_len(&self.buf) {
                return Some(self.buf.drain(..n).collect());
            }
            let mut chunk = [0u8; 65536];
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("connection closed mid-reply: {:?}", lossy(&self.buf)),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::TimedOut => {
                    return None
                }
                Err(e) => panic!("read: {e}"),
            }
        }
    }

    fn call(&mut self, args: &[&[u8]]) -> Vec<u8> {
        self.send(args);
        self.read_reply()
    }

    /// `EVAL script 0`, its reply as text.
    fn eval(&mut self, script: &str) -> String {
        lossy(&self.call(&[b"EVAL", script.as_bytes(), b"0"]))
    }
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Length of the first complete reply in `buf` (RESP2, or RESP3's maps and
/// sets), if it is all there.
/// Iterative, so a reply nested thousands deep needs no recursion.
fn reply_len(buf: &[u8]) -> Option<usize> {
    let mut pos = 0;
    let mut pending = 1usize;
    while pending > 0 {
        let end = pos + buf.get(pos..)?.windows(2).position(|w| w == b"\r\n")?;
        let line = &buf[pos..end];
        let n: i64 = std::str::from_utf8(line.get(1..)?)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        pos = end + 2;
        pending -= 1;
        match line.first()? {
            b'$' if n >= 0 => {
                pos += n as usize + 2;
                if pos > buf.len() {
                    return None;
                }
            }
            b'*' | b'~' if n > 0 => pending += n as usize,
            b'%' if n > 0 => pending += 2 * n as usize,
            _ => {}
        }
    }
    Some(pos)
}

/// A second connection that checks the server still serves others: PING and
/// the value of a key it set first.
struct Watcher(Client);

impl Watcher {
    fn new(server: &ServerHandle) -> Watcher {
        let mut c = Client::connect(server);
        assert_eq!(c.call(&[b"SET", b"guard", b"ok"]), b"+OK\r\n");
        Watcher(c)
    }

    fn assert_served(&mut self) {
        assert_eq!(lossy(&self.0.call(&[b"PING"])), "+PONG\r\n");
        assert_eq!(lossy(&self.0.call(&[b"GET", b"guard"])), "$2\r\nok\r\n");
    }
}

/// Runs each `(script, oracle reply)` through EVAL on one connection, with
/// the watcher served after each.
fn assert_oracle_replies(cases: &[(&str, &str)]) {
    let server = start();
    let mut watcher = Watcher::new(&server);
    let mut c = Client::connect(&server);
    for (script, expected) in cases {
        assert_eq!(c.eval(script), *expected, "{script}");
        watcher.assert_served();
    }
    server.shutdown();
}

/// The error reply Redis gives for a script error raised at line 1.
fn script_error(msg: &str, sha: &str) -> String {
    format!("-ERR {msg} script: {sha}, on @user_script:1.\r\n")
}

/// A script error at `user_script:1`.
fn at_line1(msg: &str, sha: &str) -> String {
    script_error(&format!("user_script:1: {msg}"), sha)
}

#[test]
fn deep_recursion_in_lua_metamethods_pcall_and_tostring() {
    let overflow = |sha| at_line1("stack overflow", sha);
    let c_overflow = |sha| at_line1("C stack overflow", sha);
    assert_oracle_replies(&[
        (
            "local function r(n) return r(n + 1) + 1 end return r(1)",
            &overflow("24b53f6fa29a0dc086f268d4afb3c4eec6ac2942"),
        ),
        (
            "local function r(n) if n == 0 then return 0 end return 1 + r(n - 1) end \
             return r(1000000)",
            &overflow("5b3857450e4dd231cdb6ed571dfcd0d266f6dd5b"),
        ),
        (
            "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x",
            &c_overflow("a7cd4296eba832f1e54ff7d0bbaaad9c64d3d19b"),
        ),
        (
            "local mt = {} mt.__index = function(t, k) return setmetatable({}, mt)[k] end \
             return setmetatable({}, mt).x",
            &c_overflow("98274f422d6f88967565bcf7a8321bf24684967e"),
        ),
        (
            "local mt = {__eq = function(a, b) return a == b end} \
             return setmetatable({}, mt) == setmetatable({}, mt)",
            &c_overflow("4e0969d87f09996fe389a237e20b6dacef1394c4"),
        ),
        (
            "local function f() return pcall(f) end return tostring(f())",
            "$4\r\ntrue\r\n",
        ),
        (
            "local function f(n) local ok, e = pcall(f, n + 1) return e end return f(1)",
            "$16\r\nC stack overflow\r\n",
        ),
        (
            "local s = setmetatable({}, {__tostring = function(s) return tostring(s) end}) \
             return tostring(s)",
            &script_error(
                "C stack overflow",
                "ecc0b4c31d90a9d4a925032afedcfa54a1226cd9",
            ),
        ),
    ]);
}

#[test]
fn parser_nesting_a_million_deep() {
    let too_deep = |start: &str| {
        let msg = format!("[string \"{start}...\"]:1: chunk has too many syntax levels");
        format!("${}\r\n{msg}\r\n", msg.len())
    };
    assert_oracle_replies(&[
        (
            r#"return select(2, loadstring(string.rep("(", 1000000) .. "1" .. string.rep(")", 1000000)))"#,
            &too_deep(&"(".repeat(63)),
        ),
        (
            r#"return select(2, loadstring("return " .. string.rep("{", 1000000) .. string.rep("}", 1000000)))"#,
            &too_deep(&format!("return {}", "{".repeat(56))),
        ),
        (
            r#"return select(2, loadstring(string.rep("do ", 1000000) .. string.rep("end ", 1000000)))"#,
            &too_deep(&"do ".repeat(21)),
        ),
        (
            r#"return select(2, loadstring("return " .. string.rep("- ", 1000000) .. "1"))"#,
            &too_deep(&format!("return {}", "- ".repeat(28))),
        ),
    ]);
}

#[test]
fn huge_tables_concat_and_unpack() {
    let unpack_error = |sha| at_line1("too many results to unpack", sha);
    assert_oracle_replies(&[
        (
            r#"local t = {} for i = 1, 1000000 do t[i] = i end return #table.concat(t, ",")"#,
            ":6888895\r\n",
        ),
        (
            "local t = {} for i = 1, 1000000 do t[i] = i end return select('#', unpack(t))",
            &unpack_error("8f9b3b794c45bc3c63e77c7adbd39180a4e85600"),
        ),
        (
            "return select('#', unpack({}, 1, 1e8))",
            &unpack_error("8d4cace52fc7921a763e310f24618fee222a2c00"),
        ),
        (
            "return select('#', unpack({}, -1e8, 1e8))",
            &unpack_error("0151d4026be916278de6769f41e99974edc7285f"),
        ),
        ("return select('#', unpack({}, 1, 7000))", ":7000\r\n"),
    ]);
}

#[test]
fn struct_and_bit_with_extreme_counts_sizes_and_widths() {
    let hex = |s: &str| format!("$8\r\n{s}\r\n");
    assert_oracle_replies(&[
        (
            r#"return struct.pack("i" .. string.rep("9", 30), 1)"#,
            &at_line1(
                "integral size overflow",
                "04ebe82e86219a80e9973074825368ac0785a913",
            ),
        ),
        (
            r#"return struct.pack("c-1", "abc")"#,
            &at_line1(
                "bad argument #1 to 'pack' (invalid format option '-')",
                "854899131dce28168ac5cc558a4b7bd9ada42541",
            ),
        ),
        (
            r#"return struct.unpack("c-5", "abc")"#,
            &at_line1(
                "bad argument #1 to 'unpack' (invalid format option '-')",
                "49c880e5a904930b6bd943dff200e577b4bb4325",
            ),
        ),
        (
            r#"return struct.unpack("c2147483647", "abc")"#,
            &at_line1(
                "bad argument #2 to 'unpack' (data string too short)",
                "d21f18ff074a09c56144ff8d51f8ba2524833259",
            ),
        ),
        (
            r#"return struct.unpack("i17", "abcdefghijklmnopq")"#,
            ":-31\r\n",
        ),
        (
            r#"return struct.unpack("c0", "abc")"#,
            &at_line1(
                "format 'c0' needs a previous size",
                "c36775dc4929c606f5b67812ae646760bce4a7aa",
            ),
        ),
        (
            r#"return struct.pack(string.rep("c99999", 1000), "x")"#,
            &at_line1(
                "bad argument #3 to 'pack' (string too short)",
                "c783c00480c799fdcb5569d57a8a0d4b0ac160a0",
            ),
        ),
        (
            r#"return struct.unpack("!99999i", "abcd")"#,
            &at_line1(
                "alignment 99999 is not a power of 2",
                "f95a8f2f59a9a2169b248e52ec170c1b88987ecf",
            ),
        ),
        (
            r#"return struct.size("c2147483647c2147483647")"#,
            ":4294967294\r\n",
        ),
        ("return bit.tohex(1, 2147483647)", &hex("00000001")),
        ("return bit.tohex(1, -2147483648)", &hex("00000001")),
        ("return bit.tohex(1, 1e10)", &hex("00000001")),
        ("return bit.tohex(-1, -1e10)", &hex("FFFFFFFF")),
        ("return bit.tohex(255, -8)", &hex("000000FF")),
    ]);
}

#[test]
fn serializers_and_decoders_on_deep_and_cyclic_data() {
    let nesting = |sha| at_line1("Cannot serialise, excessive nesting (1001)", sha);
    let server = start();
    let mut watcher = Watcher::new(&server);
    let mut c = Client::connect(&server);
    let raw = c.call(&[
        b"EVAL",
        b"local t = {} t[1] = t return cmsgpack.pack(t)",
        b"0",
    ]);
    // cmsgpack stops at 16 levels and packs nil below.
    let mut expected = b"$17\r\n".to_vec();
    expected.extend_from_slice(&[0x91; 16]);
    expected.extend_from_slice(b"\xc0\r\n");
    assert_eq!(raw, expected);
    watcher.assert_served();
    for (script, reply) in [
        (
            "local t = {} local c = t for i = 1, 100000 do c[1] = {} c = c[1] end \
             return #cmsgpack.pack(t)",
            ":17\r\n".to_string(),
        ),
        (
            "local t = {} t.a = t return cjson.encode(t)",
            nesting("74a52c8d554f7ae199338679fef52c8035785b45"),
        ),
        (
            "local t = {} local c = t for i = 1, 100000 do c[1] = {} c = c[1] end \
             return cjson.encode(t)",
            nesting("ff91f88bddd8f423f8192564a54eb3564f6fc864"),
        ),
        (
            r#"return cjson.decode(string.rep("[", 1000000) .. string.rep("]", 1000000))"#,
            at_line1(
                "Found too many nested data structures (1001) at character 1001",
                "8fb98e7fb65ff527f9a5def8c9699ebd6912f34e",
            ),
        ),
        (
            r#"return cjson.decode(string.rep("{\"a\":", 100000) .. "1" .. string.rep("}", 100000))"#,
            at_line1(
                "Found too many nested data structures (1001) at character 5001",
                "3c3e2ccc115be91d2106d204301a4a2bdf17c469",
            ),
        ),
        (
            r#"local ok, v = pcall(cmsgpack.unpack, string.rep("\145", 1000000) .. "\192") return {ok and 1 or 0, tostring(v)}"#,
            "*2\r\n:0\r\n$51\r\nstack overflow (in function mp_decode_to_lua_array)\r\n"
                .to_string(),
        ),
        (
            r#"local v = cmsgpack.unpack(string.rep("\145", 100) .. "\192") local d = 0 while type(v) == "table" do d = d + 1 v = v[1] end return d"#,
            ":100\r\n".to_string(),
        ),
    ] {
        assert_eq!(c.eval(script), reply, "{script}");
        watcher.assert_served();
    }
    server.shutdown();
}

#[test]
fn binary_chunks_and_writes_to_protected_tables() {
    let binary = "$53\r\n[string \"\u{1b}LuaQ\"]:1: unexpected symbol near 'char(27)'\r\n";
    let readonly = |sha| script_error("Attempt to modify a readonly table", sha);
    let readonly1 = |sha| at_line1("Attempt to modify a readonly table", sha);
    assert_oracle_replies(&[
        (
            "return select(2, loadstring(string.dump(function() return 1 end)))",
            binary,
        ),
        (
            "return select(2, loadstring(\"\\27Lua\\81\\0\\1\\4\\8\\4\\8\\0\"))",
            binary,
        ),
        (
            "setmetatable(_G, nil) return 1",
            &readonly("c122f21771d632cc334af0c2a37dd028f1a230b7"),
        ),
        (
            "rawset(_G, \"x\", 1) return x",
            &readonly("fd8cc68addcc424f9fe5168ef44bc41a72d0c050"),
        ),
        (
            "return rawset(redis, \"call\", nil)",
            &readonly("cd03202fd18b7d605f7a214a503a105fa58013f0"),
        ),
        (
            "redis.call = nil return 1",
            &readonly1("3f77a250492aaaad06f570f7857ed6ad017e1c74"),
        ),
        (
            "redis.foo = 1 return 1",
            &readonly1("ed721d827754e0566c9291c4eb33448c62230ceb"),
        ),
        (
            "cjson.encode = nil return 1",
            &readonly1("82d8a7ee5e8a87e4fd1070c19e88572c449093d8"),
        ),
        (
            "string.rep = nil return 1",
            &readonly1("a8304a27897e50f6eab073748faab86c9e5b9ac6"),
        ),
        (
            "string.foo = 1 return 1",
            &readonly1("61574b4b91ec75f725f3a3a2d314d3dcd1c1b577"),
        ),
    ]);
}

#[test]
fn redis_call_with_bad_or_a_million_arguments() {
    let not_strings = |sha| {
        script_error(
            "Lua redis lib command arguments must be strings or integers",
            sha,
        )
    };
    assert_oracle_replies(&[
        (
            "return redis.call(\"SET\", \"k\", {})",
            &not_strings("8e5913ab2eee3428c0e675ca8cbf83f51c65a6f9"),
        ),
        (
            "return redis.call(\"SET\", \"k\", true)",
            &not_strings("3e9ebfd002447fa49322576c821dd187f7ccd559"),
        ),
        (
            "return redis.call(\"SET\", \"k\", nil)",
            &not_strings("7fda4664298f613f1c091117d43b0cd1064273a4"),
        ),
        (
            "return redis.call(\"SET\", \"k\", function() end)",
            &not_strings("87764be70193ce6256730e3d37b17faa05a3bc12"),
        ),
        (
            "return redis.call({})",
            &not_strings("80747816df1f4411f7c442b928fce6a814214839"),
        ),
        (
            "return redis.call()",
            &script_error(
                "Please specify at least one argument for this redis lib call",
                "0a907e1429221a4d85516cab7fd219a82a9439d8",
            ),
        ),
        // Blocking commands refuse to block inside a script, naming the
        // command as the script spelled it.
        (
            r#"return redis.call("xReAd", "BLOCK", 0, "STREAMS", "s", "$")"#,
            &script_error(
                "xReAd command is not allowed with BLOCK option from scripts",
                "48a843f4a4baaf69fd217562fbd3372ef9eef8d5",
            ),
        ),
        (
            r#"return redis.call("XREADGROUP", "GROUP", "g", "c", "BLOCK", 0, "STREAMS", "s", ">")"#,
            &script_error(
                "XREADGROUP command is not allowed with BLOCK option from scripts",
                "d2d417863e3d6abefcdf795051c3b017845b0432",
            ),
        ),
        // A Lua call takes at most ~8000 arguments: a million fail in unpack.
        (
            "local t = {\"DEL\"} for i = 2, 1000000 do t[i] = \"x\" end return redis.call(unpack(t))",
            &at_line1(
                "too many results to unpack",
                "d6509244ddbaafce4ed56e302df72a7b5a45dd05",
            ),
        ),
        (
            "local t = {\"DEL\"} for i = 2, 7900 do t[i] = \"x\" .. i end return redis.call(unpack(t))",
            ":0\r\n",
        ),
    ]);
}

#[test]
fn returned_cyclic_and_deep_tables() {
    let server = start();
    let mut watcher = Watcher::new(&server);
    let mut c = Client::connect(&server);
    // The reply nests 7995 arrays, then the conversion stops with an error.
    let stack_limit = format!("{}-ERR reached lua stack limit\r\n", "*1\r\n".repeat(7995));
    for script in [
        "local t = {} t[1] = t return t",
        "local t = {} local c = t for i = 1, 100000 do c[1] = {} c = c[1] end return t",
    ] {
        assert_eq!(c.eval(script), stack_limit, "{script}");
        watcher.assert_served();
    }
    assert_eq!(
        c.eval("local t = {} local c = t for i = 1, 100 do c[1] = {} c = c[1] end return t"),
        format!("{}*0\r\n", "*1\r\n".repeat(100))
    );
    watcher.assert_served();
    // Maps and sets hold three Lua stack slots a level in Redis (four for a
    // map key): they stop about a third as deep.
    c.call(&[b"HELLO", b"3"]);
    let limit = "-ERR reached lua stack limit\r\n";
    assert_eq!(
        c.eval("local t = {} t.map = {a = t} return t"),
        format!("{}%1\r\n{limit}{limit}", "%1\r\n$1\r\na\r\n".repeat(2664))
    );
    watcher.assert_served();
    assert_eq!(
        c.eval("local t = {} t.set = {} t.set[t] = true return t"),
        format!("{}{limit}", "~1\r\n".repeat(2665))
    );
    watcher.assert_served();
    server.shutdown();
}

#[test]
fn string_rep_and_format_to_gigabytes() {
    let too_wide = |sha| at_line1("invalid format (width or precision too long)", sha);
    // The count is a C int, as in lua5.1: 2^31 wraps to a negative count.
    assert_oracle_replies(&[
        ("return string.rep(\"x\", -1)", "$0\r\n\r\n"),
        ("return #string.rep(\"x\", 2^31)", ":0\r\n"),
        ("return #string.rep(\"x\", 2^32 + 1)", ":1\r\n"),
        (
            "return string.format(\"%99999d\", 1)",
            &too_wide("def883b0d62cdc04cd1b6ef0ec1f7ea6545d9029"),
        ),
        (
            "return string.format(\"%0100d\", 1)",
            &too_wide("76ec1699974ddde2106c9e9183e330b6eace3490"),
        ),
    ]);
    // Redis builds these byte by byte until the allocator gives up (6 GB and
    // 10 GB); we refuse a single string past 4 GB up front.
    let server = start();
    let mut watcher = Watcher::new(&server);
    let mut c = Client::connect(&server);
    for (script, sha) in [
        (
            "return string.rep(\"abc\", 2^31 - 1)",
            "2f33652759da923462754a75777644593699aef4",
        ),
        (
            "return string.rep(string.rep(\"x\", 1e6), 1e4)",
            "b2bcae5a28964ded558b8d5f4a59323fe8ac799b",
        ),
    ] {
        assert_eq!(
            c.eval(script),
            script_error("not enough memory", sha),
            "{script}"
        );
        watcher.assert_served();
    }
    server.shutdown();
}

#[test]
fn error_objects_whose_tostring_fails() {
    // redis-server 7.0.15 crashes on each of these (an error table without a
    // string `err`); we answer an error and go on.
    let server = start();
    let mut watcher = Watcher::new(&server);
    let mut c = Client::connect(&server);
    for script in [
        "error(setmetatable({}, {__tostring = function() error(\"boom\") end}))",
        "error(setmetatable({}, {__tostring = function() return \"custom\" end}))",
        "error({err = setmetatable({}, {__tostring = function() error(\"boom\") end})})",
    ] {
        let reply = c.eval(script);
        assert!(
            reply.starts_with("-ERR an error object without a string 'err' field was raised"),
            "{script}: {reply}"
        );
        watcher.assert_served();
    }
    server.shutdown();
}

/// Runs `script` (which never ends by itself) on its own connection, checks
/// that other clients get `-BUSY` while it runs and that SCRIPT KILL stops
/// it; returns its reply.
fn run_until_killed(server: &ServerHandle, script: &'static str) -> String {
    let mut runner = Client::connect(server);
    runner.send(&[b"EVAL", script.as_bytes(), b"0"]);
    // A command that reaches the server before the busy threshold waits for
    // the script, so each probe uses a new connection and gives up after a
    // while; past the threshold, the answer is -BUSY at once.
    let started = Instant::now();
    let mut other = loop {
        assert!(started.elapsed() < Duration::from_secs(20), "{script}");
        std::thread::sleep(Duration::from_millis(50));
        let mut probe = Client::connect(server);
        probe
            .stream
            .set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        probe.send(&[b"GET", b"guard"]);
        match probe.try_read_reply().map(|r| lossy(&r)) {
            Some(r) if r.starts_with("-BUSY") => break probe,
            Some(r) => assert_eq!(r, "$2\r\nok\r\n", "{script}"),
            None => {}
        }
    };
    assert_eq!(lossy(&other.call(&[b"SCRIPT", b"KILL"])), "+OK\r\n");
    lossy(&runner.read_reply())
}

#[test]
fn runaway_scripts_are_killed_while_others_are_answered() {
    let server = start();
    let mut watcher = Watcher::new(&server);
    for script in [
        // Matching is charged to the budget: SCRIPT KILL stops it. Redis
        // cannot (its hook does not run inside string.find): it hangs.
        "return string.find(string.rep(\"a\", 5000), \".-.-.-.-.-b\")",
        // A coroutine does not escape: the kill ends the whole script. Redis
        // raises it inside the coroutine, where resume catches it (nil reply).
        "local co = coroutine.create(function() while true do end end) \
         return coroutine.resume(co)",
        "local co = coroutine.wrap(function() while true do coroutine.yield() end end) \
         while true do pcall(co) end",
        // Grows until killed (with a Lua memory limit it would stop by itself).
        "local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end",
    ] {
        let reply = run_until_killed(&server, script);
        assert!(
            reply.starts_with("-ERR Script killed by user with SCRIPT KILL..."),
            "{script}: {reply}"
        );
        watcher.assert_served();
    }
    server.shutdown();
}

/// Sends `input` on a new connection, then reads until the server closes it
/// (`true`) or a second passes with it open (`false`); returns what came.
fn send_raw(server: &ServerHandle, input: &[u8]) -> (Vec<u8>, bool) {
    let mut s = TcpStream::connect(server.addr()).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    // The server may close before reading everything: a failed write is fine.
    let _ = s.write_all(input);
    let mut out = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match s.read(&mut chunk) {
            Ok(0) => return (out, true),
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::TimedOut => {
                return (out, false)
            }
            // A reset after the server closed with unread input.
            Err(_) => return (out, true),
        }
    }
}

#[test]
fn malformed_frames_get_redis_protocol_errors_and_a_close() {
    let server = start();
    let mut watcher = Watcher::new(&server);
    let bulk = "-ERR Protocol error: invalid bulk length\r\n";
    let multibulk = "-ERR Protocol error: invalid multibulk length\r\n";
    let big_inline = "x".repeat(70_000);
    let big_mbulk = format!("*{}", "1".repeat(70_000));
    let big_bulk = format!("*1\r\n${}", "1".repeat(70_000));
    for (input, reply) in [
        ("*1\r\n$-5\r\nPING\r\n", bulk),
        ("*1\r\n$-1\r\n", bulk),
        ("*1\r\n$-0\r\n", bulk),
        ("*1\r\n$x\r\n", bulk),
        ("*1\r\n$ 4\r\n", bulk),
        ("*1\r\n$2147483648\r\n", bulk),
        ("*1\r\n$536870913\r\n", bulk),
        ("*1\r\n$9223372036854775808\r\n", bulk),
        ("*99999999999\r\n", multibulk),
        ("*3000000000\r\n", multibulk),
        ("*9223372036854775807\r\n", multibulk),
        ("*x\r\n", multibulk),
        ("*+1\r\n", multibulk),
        (
            "*1\r\n:5\r\n",
            "-ERR Protocol error: expected '$', got ':'\r\n",
        ),
        (
            "*1\r\n+PING\r\n",
            "-ERR Protocol error: expected '$', got '+'\r\n",
        ),
        (
            &big_inline,
            "-ERR Protocol error: too big inline request\r\n",
        ),
        (
            &big_mbulk,
            "-ERR Protocol error: too big mbulk count string\r\n",
        ),
        (
            &big_bulk,
            "-ERR Protocol error: too big bulk count string\r\n",
        ),
    ] {
        let (out, closed) = send_raw(&server, input.as_bytes());
        assert_eq!((lossy(&out).as_str(), closed), (reply, true), "{input:.40}");
        watcher.assert_served();
    }
    server.shutdown();
}

#[test]
fn odd_but_valid_frames_are_answered_as_redis_does() {
    let server = start();
    let mut watcher = Watcher::new(&server);
    for (input, reply) in [
        // A negative or zero count is an empty request, skipped.
        ("*-1\r\nPING\r\n", "+PONG\r\n"),
        ("*-2\r\nPING\r\n", "+PONG\r\n"),
        ("*0\r\nPING\r\n", "+PONG\r\n"),
        // The two bytes after a bulk string are skipped unread.
        ("*1\r\n$4\r\nPINGXX\r\n", "+PONG\r\n"),
        ("\r\n\r\n\r\nPING\r\n", "+PONG\r\n"),
        (
            "%1\r\nPING\r\n",
            "-ERR unknown command '%1', with args beginning with: \r\n+PONG\r\n",
        ),
        (
            "*1\r\n$0\r\n\r\nPING\r\n",
            "-ERR unknown command '', with args beginning with: \r\n+PONG\r\n",
        ),
        // Truncated or waiting for a newline: nothing yet, the connection stays.
        ("*1\r\n$4\r\nPI", ""),
        ("*1048577\r\n", ""),
        ("*1\r\n$512000000\r\n", ""),
        ("\u{0}\u{1}\u{2}garbage\r\n", ""),
    ] {
        let (out, closed) = send_raw(&server, input.as_bytes());
        assert_eq!((lossy(&out).as_str(), closed), (reply, false), "{input:?}");
        watcher.assert_served();
    }
    server.shutdown();
}

/// A reproducible stream of bytes (xorshift), for garbage input.
fn garbage(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

#[test]
fn a_hundred_megabytes_of_garbage_closes_only_that_connection() {
    let server = start();
    let mut watcher = Watcher::new(&server);
    let megabyte = garbage(1 << 20, 0x9e37_79b9_7f4a_7c15);
    for first in [&b"x"[..], b"*", b"$", b""] {
        let mut s = TcpStream::connect(server.addr()).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        // A server that stopped reading without closing fails the test.
        s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(first).unwrap();
        let started = Instant::now();
        // The server closes the connection before taking it all (a protocol
        // error, or an inline request past 64 KiB).
        let sent = (0..100)
            .take_while(|_| s.write_all(&megabyte).is_ok())
            .count();
        assert!(sent < 100, "{first:?}: all 100 MB taken");
        assert!(started.elapsed() < Duration::from_secs(30));
        // Whatever was answered first, the connection ends (EOF or a reset).
        let mut rest = Vec::new();
        if let Err(e) = s.read_to_end(&mut rest) {
            assert_eq!(e.kind(), ErrorKind::ConnectionReset, "{first:?}");
        }
        watcher.assert_served();
    }
    server.shutdown();
}

#[test]
fn a_million_arguments_from_the_client_reach_the_script() {
    let server = start();
    let mut watcher = Watcher::new(&server);
    let mut c = Client::connect(&server);
    for (script, reply) in [
        ("return #ARGV", ":1000000\r\n".to_string()),
        (
            "return redis.call(\"DEL\", unpack(ARGV))",
            at_line1(
                "too many results to unpack",
                "07dbc9f5e23d046b0a81304a3de11b1ed5a44524",
            ),
        ),
        (
            "return redis.call(\"DEL\", unpack(ARGV, 1, 7000))",
            ":0\r\n".to_string(),
        ),
    ] {
        let mut args: Vec<&[u8]> = vec![b"EVAL", script.as_bytes(), b"0"];
        args.resize(1_000_003, b"a");
        assert_eq!(lossy(&c.call(&args)), reply, "{script}");
        watcher.assert_served();
    }
    server.shutdown();
}
