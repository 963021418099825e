//! `redmoon-lua` used as `lua5.1` is: options, the `arg` table, stdin,
//! `#!` lines, exit statuses and error reports.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_redmoon-lua"))
        .args(args)
        .env_remove("LUA_INIT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start redmoon-lua");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("redmoon-lua runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn script_arguments_reach_arg_and_the_varargs() {
    let dir = std::env::temp_dir().join(format!("redmoon-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("args.lua");
    std::fs::write(&script, "#!/usr/bin/env redmoon-lua\nprint(arg[0] ~= nil, arg[1], arg[2], #arg, ...)\nerror('line 3')\n").unwrap();
    let path = script.to_str().unwrap();
    let o = run(&[path, "x", "y"], "");
    assert_eq!(stdout(&o), "true\tx\ty\t2\tx\ty\n");
    // The #! line is blanked, not removed: the error is on line 3.
    assert!(stderr(&o).starts_with(&format!(
        "redmoon-lua: {path}:3: line 3\nstack traceback:\n"
    )));
    assert_eq!(o.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn dash_e_runs_in_order_and_stops_at_the_first_error() {
    let o = run(&["-e", "x = 2", "-e", "print(x * 21)", "-e", "y ="], "");
    assert_eq!(stdout(&o), "42\n");
    assert_eq!(
        stderr(&o),
        "redmoon-lua: (command line):1: unexpected symbol near '<eof>'\n"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn stdin_runs_when_not_a_terminal_or_with_a_dash() {
    let o = run(&[], "print('from stdin')");
    assert_eq!(stdout(&o), "from stdin\n");
    let o = run(&["-", "a"], "print(...)");
    assert_eq!(stdout(&o), "a\n");
    assert!(o.status.success());
}

#[test]
fn the_interactive_loop_prints_values_and_survives_errors() {
    let o = run(
        &["-i"],
        "x = 20\n=x + 1\nfunction f()\nreturn 'two' end\n=f()\nerror('boom')\n=x\n",
    );
    let out = stdout(&o);
    assert!(out.contains("21\n"), "{out}");
    assert!(out.contains("two\n"), "{out}");
    assert!(out.contains(">> "), "continuation prompt missing: {out}");
    assert!(stderr(&o).contains("redmoon-lua: stdin:1: boom\n"));
    assert!(out.ends_with("20\n> \n"), "{out}");
    assert!(o.status.success());
}

#[test]
fn bad_options_and_missing_files_fail() {
    let o = run(&["-z"], "");
    assert!(stderr(&o).starts_with("usage: redmoon-lua [options] [script [args]]."));
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["/nonexistent/x.lua"], "");
    assert_eq!(
        stderr(&o),
        "redmoon-lua: cannot open /nonexistent/x.lua: No such file or directory\n"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn errors_that_are_not_strings_are_reported_as_lua_does() {
    let o = run(&["-e", "error({})"], "");
    assert_eq!(stderr(&o), "redmoon-lua: (error object is not a string)\n");
    let o = run(&["-e", "error()"], "");
    assert_eq!(stderr(&o), "");
    assert_eq!(o.status.code(), Some(1));
}
