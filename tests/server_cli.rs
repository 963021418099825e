//! The `redmoon-server` binary as a user starts it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Logs go to stderr as plain text when stderr is not a terminal (a pipe here, a log
/// file or journald in production): no ANSI color codes.
#[test]
fn logs_on_a_pipe_carry_no_color_codes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_redmoon-server"))
        .args(["--port", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let stderr = child.stderr.take().expect("piped stderr");
    // Read on a thread, so a server that logs elsewhere fails the test instead of
    // hanging it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stderr).read_line(&mut line);
        let _ = tx.send(line);
    });
    let first = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.contains("Ready to accept connections"),
        "first log line: {first:?}"
    );
    assert!(!first.contains('\u{1b}'), "color codes in {first:?}");
}
