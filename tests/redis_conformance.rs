//! Replays the recorded Redis conformance cases (conformance/redis, conformance/scripting,
//! conformance/redis-libs; format in conformance/record.py) against an in-process
//! redmoon-server and compares every reply byte for byte.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use redmoon_server::{Config, Server};
use serde_json::Value;

mod common;

const DIRS: [&str; 3] = ["redis", "scripting", "redis-libs"];

/// Bytes of a JSON string, one per code point (latin-1), as record.py writes them.
fn latin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

fn encode_command(cmd: &Value) -> Vec<u8> {
    match cmd {
        Value::String(raw) => latin1(raw),
        Value::Array(args) => {
            let mut out = format!("*{}\r\n", args.len()).into_bytes();
            for a in args {
                let b = match a {
                    Value::String(s) => latin1(s),
                    other => other.to_string().into_bytes(),
                };
                out.extend_from_slice(format!("${}\r\n", b.len()).as_bytes());
                out.extend_from_slice(&b);
                out.extend_from_slice(b"\r\n");
            }
            out
        }
        other => other.to_string().into_bytes(),
    }
}

/// Length of the first complete RESP value in `buf`. Iterative: recorded
/// replies nest thousands of levels deep.
fn resp_len(buf: &[u8]) -> Option<usize> {
    let mut pos = 0;
    // Values still to read at each open aggregate level.
    let mut pending: Vec<i64> = vec![1];
    while let Some(left) = pending.last_mut() {
        if *left == 0 {
            pending.pop();
            continue;
        }
        *left -= 1;
        let rest = buf.get(pos..)?;
        let eol = rest.windows(2).position(|w| w == b"\r\n")?;
        // Only lengths are parsed: simple strings and errors may hold any byte.
        let line = rest.get(1..eol)?;
        let n = || std::str::from_utf8(line).ok()?.parse::<i64>().ok();
        pos += eol + 2;
        match rest.first()? {
            b'$' | b'=' | b'!' => {
                let len = n()?;
                if len >= 0 {
                    pos += len as usize + 2;
                    if buf.len() < pos {
                        return None;
                    }
                }
            }
            b'*' | b'~' | b'>' => pending.push(n()?.max(0)),
            b'%' => pending.push(n()?.max(0) * 2),
            // An attribute map comes before the value it describes.
            b'|' => {
                *pending.last_mut()? += 1;
                pending.push(n()?.max(0) * 2);
            }
            _ => {}
        }
    }
    Some(pos)
}

/// Reads one RESP reply (for the setup commands whose replies are discarded).
fn read_reply(sock: &mut TcpStream) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut chunk = [0u8; 4096];
    while resp_len(&buf).is_none() {
        if Instant::now() > deadline {
            return Err(std::io::Error::other("setup reply timed out"));
        }
        let n = sock.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::Error::other("closed during setup"));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}

/// How many complete RESP values `bytes` holds (a recorded answer may hold
/// several, e.g. SUBSCRIBE to two channels, or none).
fn count_replies(bytes: &[u8]) -> usize {
    let (mut pos, mut n) = (0, 0);
    while pos < bytes.len() {
        match resp_len(&bytes[pos..]) {
            Some(len) => {
                pos += len;
                n += 1;
            }
            None => break,
        }
    }
    n
}

/// Reads until `want` complete replies have arrived, the connection closes or the
/// timeout passes, so a wrong answer is seen at once instead of after a timeout.
fn read_replies(sock: &mut TcpStream, want: usize, timeout: Duration) -> Vec<u8> {
    let mut buf = Vec::new();
    let deadline = Instant::now() + timeout;
    let mut chunk = vec![0u8; 65536];
    while count_replies(&buf) < want {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let _ = sock.set_read_timeout(Some(left));
        match sock.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(_) => break,
        }
    }
    buf
}

struct Failure {
    file: String,
    name: String,
    command: String,
    expected: String,
    got: String,
}

fn run_case(addr: SocketAddr, case: &Value) -> Result<(), (String, String, String)> {
    let setup_err = |e: std::io::Error| ("(setup)".to_string(), String::new(), e.to_string());
    let mut sock = TcpStream::connect(addr).map_err(setup_err)?;
    let _ = sock.set_nodelay(true);
    let mut setup: Vec<Vec<&str>> = vec![
        vec!["FLUSHALL"],
        vec!["SCRIPT", "FLUSH"],
        vec!["FUNCTION", "FLUSH"],
    ];
    if case["protocol"].as_i64() == Some(3) {
        setup.insert(0, vec!["HELLO", "3"]);
    }
    for cmd in setup {
        let v = Value::Array(cmd.into_iter().map(|s| Value::String(s.into())).collect());
        sock.write_all(&encode_command(&v)).map_err(setup_err)?;
        read_reply(&mut sock).map_err(setup_err)?;
    }
    let timeout = Duration::from_secs_f64(case["timeout"].as_f64().unwrap_or(2.0));
    let commands = case["commands"].as_array().cloned().unwrap_or_default();
    let replies = case["replies"].as_array().cloned().unwrap_or_default();
    // After a mismatch the remaining commands still run: a case's last commands
    // undo its configuration changes, which later cases rely on.
    let mut first_mismatch = None;
    for (cmd, expected) in commands.iter().zip(replies.iter()) {
        let expected = latin1(expected.as_str().unwrap_or(""));
        let shown = cmd.to_string();
        let got = if sock.write_all(&encode_command(cmd)).is_err() {
            b"(write failed)".to_vec()
        } else {
            read_replies(&mut sock, count_replies(&expected), timeout)
        };
        if got != expected && first_mismatch.is_none() {
            first_mismatch = Some((shown, escape(&expected), escape(&got)));
        }
    }
    // The server forgets a client (its subscriptions, its WATCHes) when it notices
    // the connection closed, which a loaded machine may let the next case overtake:
    // close this side and wait until the server, having forgotten it, closes too.
    let _ = sock.shutdown(std::net::Shutdown::Write);
    let _ = sock.set_read_timeout(Some(Duration::from_secs(5)));
    let mut rest = [0u8; 4096];
    while matches!(sock.read(&mut rest), Ok(n) if n > 0) {}
    match first_mismatch {
        Some(mismatch) => Err(mismatch),
        None => Ok(()),
    }
}

fn escape(b: &[u8]) -> String {
    b.escape_ascii().to_string()
}

fn case_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in DIRS {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "json") {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    files
}

#[test]
fn recorded_redis_cases_replay_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance");
    let server = Server::start(Config {
        port: 0,
        ..Config::default()
    })
    .expect("server starts");
    let addr = server.addr();
    let (mut passed, mut failures) = (Vec::new(), Vec::new());
    for file in case_files(&root) {
        let text = std::fs::read_to_string(&file).expect("readable case file");
        let cases: Value = serde_json::from_str(&text).expect("valid JSON case file");
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        for case in cases.as_array().into_iter().flatten() {
            match run_case(addr, case) {
                Ok(()) => passed.push(format!("{rel} :: {}", case["name"].as_str().unwrap_or("?"))),
                Err((command, expected, got)) => failures.push(Failure {
                    file: rel.clone(),
                    name: case["name"].as_str().unwrap_or("?").to_string(),
                    command,
                    expected,
                    got,
                }),
            }
        }
    }
    for f in &failures {
        println!(
            "FAIL {} :: {}\n  command:  {}\n  expected: {}\n  got:      {}",
            f.file, f.name, f.command, f.expected, f.got
        );
    }
    server.shutdown();
    assert!(passed.len() + failures.len() > 0, "no conformance case ran");
    let failed: Vec<String> = failures
        .iter()
        .map(|f| format!("{} :: {}", f.file, f.name))
        .collect();
    common::KnownFailures::load(&root, "redis")
        .judge(&passed, &failed)
        .check("redis", passed.len(), failed.len());
}
