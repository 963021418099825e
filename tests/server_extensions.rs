//! The seam a script engine uses: an extension command running on the executor calls
//! other commands through `Exec::lookup` + `Exec::call`, as `redis.call` will.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use redmoon_server::command::{flags, CommandTable};
use redmoon_server::reply::Reply;
use redmoon_server::{Bytes, Config, Server, ServerHandle};

/// `TEST.CALL cmd args...`: runs the command like a script would and returns its reply,
/// refusing commands that scripts may not call.
fn table_with_call() -> CommandTable {
    let mut table = CommandTable::builtin().unwrap();
    table.add_custom(
        "test.call",
        -2,
        0,
        Arc::new(|ex, client, argv| {
            let inner: Vec<Bytes> = argv[1..].to_vec();
            let table = Arc::clone(&ex.table);
            let cmd = match ex.lookup(&table, &inner) {
                Ok(cmd) => cmd,
                Err(e) => return e,
            };
            if cmd.has(flags::NOSCRIPT) {
                return Reply::error("ERR This Redis command is not allowed from script");
            }
            let was = (client.may_block, client.in_script);
            client.may_block = false;
            client.in_script = true;
            let reply = ex.call(client, cmd, &inner);
            (client.may_block, client.in_script) = was;
            reply
        }),
    );
    table
}

fn request(stream: &mut TcpStream, send: &[u8], len: usize) -> Vec<u8> {
    stream.write_all(send).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    let mut out = vec![0u8; len];
    stream.read_exact(&mut out).unwrap();
    out
}

/// A server whose table has the TEST.CALL extension.
fn start_with_call() -> ServerHandle {
    Server::start_with_commands(
        Config {
            port: 0,
            ..Config::default()
        },
        table_with_call(),
    )
    .unwrap()
}

#[test]
fn extension_commands_call_the_same_command_table() {
    let server = start_with_call();
    let mut s = TcpStream::connect(server.addr()).unwrap();
    assert_eq!(request(&mut s, b"TEST.CALL SET k v\r\n", 5), b"+OK\r\n");
    assert_eq!(request(&mut s, b"GET k\r\n", 7), b"$1\r\nv\r\n");
    let not_int = b"-ERR value is not an integer or out of range\r\n";
    assert_eq!(
        request(&mut s, b"TEST.CALL INCR k\r\n", not_int.len()),
        not_int
    );
    let arity = b"-ERR wrong number of arguments for 'get' command\r\n";
    assert_eq!(request(&mut s, b"TEST.CALL GET\r\n", arity.len()), arity);
    // Blocking commands answer at once instead of blocking the executor.
    assert_eq!(request(&mut s, b"TEST.CALL LPOP nolist\r\n", 5), b"$-1\r\n");
    let noscript = b"-ERR This Redis command is not allowed from script\r\n";
    assert_eq!(
        request(&mut s, b"TEST.CALL BLPOP nolist 0\r\n", noscript.len()),
        noscript
    );
    server.shutdown();
}

/// Extension commands run on the executor thread while plain commands may run on the
/// connection's: a pipeline mixing them, and a blocked client whose queued requests hold
/// one, still get every reply in order.
#[test]
fn pipelines_mixing_extensions_answer_in_order() {
    let server = start_with_call();
    let mut s = TcpStream::connect(server.addr()).unwrap();
    let mut pipeline = Vec::new();
    let mut expected = Vec::new();
    for i in 0..50 {
        pipeline
            .extend_from_slice(format!("INCR n\r\nTEST.CALL INCR n\r\nSET k{i} v\r\n").as_bytes());
        expected
            .extend_from_slice(format!(":{}\r\n:{}\r\n+OK\r\n", 2 * i + 1, 2 * i + 2).as_bytes());
    }
    assert_eq!(request(&mut s, &pipeline, expected.len()), expected);
    // A client blocked with an extension command queued behind its BLPOP.
    let mut blocked = TcpStream::connect(server.addr()).unwrap();
    blocked
        .write_all(b"BLPOP list 0\r\nTEST.CALL GET k0\r\nPING\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(request(&mut s, b"RPUSH list x\r\n", 4), b":1\r\n");
    let woken = b"*2\r\n$4\r\nlist\r\n$1\r\nx\r\n$1\r\nv\r\n+PONG\r\n";
    assert_eq!(request(&mut blocked, b"", woken.len()), woken);
    server.shutdown();
}
