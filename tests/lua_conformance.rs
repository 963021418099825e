//! Runs every conformance/lua program with the `redmoon-lua` binary, as the
//! programs were recorded with `lua5.1` (see conformance/lua/README.md), and
//! compares everything a user sees: stdout, the exit status, and stderr (the
//! uncaught error and its traceback). Failing programs are held to the ratchet
//! in conformance/known-failures/lua.txt.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A program that runs longer than this is a failure (a hang), not a wait.
const TIME_LIMIT: Duration = Duration::from_secs(20);

/// Runs one program; returns its output in the `.expected` format.
fn run(dir: &Path, name: &str) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_redmoon-lua"))
        .arg(name)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start redmoon-lua");
    // Drain both pipes on their own threads so a chatty program cannot block.
    let mut out_pipe = child.stdout.take().expect("stdout pipe");
    let mut err_pipe = child.stderr.take().expect("stderr pipe");
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out_pipe.read_to_end(&mut b);
        b
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err_pipe.read_to_end(&mut b);
        b
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for redmoon-lua") {
            break Some(status);
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let mut text = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    match status.map(|s| s.code()) {
        Some(Some(0)) => {}
        Some(Some(code)) => {
            text.extend_from_slice(format!("--- exit {code}\n").as_bytes());
            text.extend_from_slice(&stderr);
        }
        Some(None) => text.extend_from_slice(b"--- killed by a signal\n"),
        None => text.extend_from_slice(b"--- timed out\n"),
    }
    text
}

/// The recorded output, with lua5.1's name for itself replaced by ours.
fn expected(dir: &Path, name: &str) -> Vec<u8> {
    let raw = std::fs::read(dir.join(name.replace(".lua", ".expected"))).unwrap_or_default();
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = &raw[..];
    let from = b"\nlua5.1: ";
    while let Some(i) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(b"\nredmoon-lua: ");
        rest = &rest[i + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[test]
fn lua_conformance() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance");
    let dir = root.join("lua");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("conformance/lua")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".lua"))
        .collect();
    names.sort();
    let filter = std::env::var("LUA_CONF_FILTER").unwrap_or_default();
    names.retain(|n| n.contains(&filter));

    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(name) = names.get(i) else { break };
                let ok = run(&dir, name) == expected(&dir, name);
                results.lock().unwrap().push((name.clone(), ok));
            });
        }
    });
    let results = results.into_inner().unwrap();
    let mut passed = Vec::new();
    let mut failed = Vec::new();
    for (name, ok) in results {
        if ok {
            passed.push(name);
        } else {
            failed.push(name);
        }
    }
    if !filter.is_empty() {
        for name in &failed {
            println!("FAIL {name}");
        }
        println!("{} passed, {} failed", passed.len(), failed.len());
        return;
    }
    common::KnownFailures::load(&root, "lua")
        .judge(&passed, &failed)
        .check("lua", passed.len(), failed.len());
}
