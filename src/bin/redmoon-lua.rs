//! `redmoon-lua`: the command-line interpreter, a drop-in for `lua5.1`
//! (lua.c): `redmoon-lua [options] [script [args]]` with `-e stat`,
//! `-l name`, `-i`, `-v`, `--`, `-`, the `arg` table, `LUA_INIT`, and the
//! interactive loop when stdin is a terminal and nothing else is asked.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

use lua_core::{Lua, LuaError, Value};

const VERSION: &str = concat!(
    "redmoon-lua ",
    env!("CARGO_PKG_VERSION"),
    " (Lua 5.1)  pure Rust, after Lua.org, PUC-Rio"
);

const USAGE: &str = "usage: redmoon-lua [options] [script [args]].
Available options are:
  -e stat  execute string 'stat'
  -l name  require library 'name'
  -i       enter interactive mode after executing 'script'
  -v       show version information
  --       stop handling options
  -        execute stdin and stop handling options";

/// What the command line asks for, in order.
enum Action {
    Exec(String),
    Require(String),
}

struct Options {
    actions: Vec<Action>,
    interactive: bool,
    version: bool,
    /// Index in argv of the script (or `-`), if any.
    script: Option<usize>,
}

fn parse(argv: &[String]) -> Result<Options, String> {
    let mut o = Options {
        actions: Vec::new(),
        interactive: false,
        version: false,
        script: None,
    };
    let mut i = 1;
    while i < argv.len() {
        let a = argv[i].as_str();
        match a {
            "--" => {
                if i + 1 < argv.len() {
                    o.script = Some(i + 1);
                }
                return Ok(o);
            }
            "-" => {
                o.script = Some(i);
                return Ok(o);
            }
            "-i" => {
                o.interactive = true;
                o.version = true;
            }
            "-v" => o.version = true,
            _ if a.starts_with("-e") || a.starts_with("-l") => {
                let value = if a.len() > 2 {
                    a[2..].to_string()
                } else {
                    i += 1;
                    argv.get(i).cloned().ok_or_else(|| USAGE.to_string())?
                };
                o.actions.push(if a.starts_with("-e") {
                    Action::Exec(value)
                } else {
                    Action::Require(value)
                });
            }
            _ if a.starts_with('-') => return Err(USAGE.to_string()),
            _ => {
                o.script = Some(i);
                return Ok(o);
            }
        }
        i += 1;
    }
    Ok(o)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let opts = match parse(&argv) {
        Ok(o) => o,
        Err(usage) => {
            eprintln!("{usage}");
            return ExitCode::FAILURE;
        }
    };
    let mut lua = Lua::new();
    lua_stdlib::open_libs(&mut lua);
    // lua.c runs everything from `pmain`, a C function it calls with
    // lua_cpcall: chunks start one C call deep, which counts toward the
    // nesting limit ("C stack overflow").
    lua.state.c_depth = 1;
    if opts.version {
        println!("{VERSION}");
    }
    if let Ok(init) = std::env::var("LUA_INIT") {
        let ok = match init.strip_prefix('@') {
            Some(path) => run_file(&mut lua, path, &[]),
            None => run_chunk(&mut lua, init.as_bytes(), b"=LUA_INIT", &[]),
        };
        if !ok {
            return ExitCode::FAILURE;
        }
    }
    set_arg_table(&mut lua, &argv, opts.script);
    for action in &opts.actions {
        let ok = match action {
            Action::Exec(code) => run_chunk(&mut lua, code.as_bytes(), b"=(command line)", &[]),
            Action::Require(name) => require(&mut lua, name),
        };
        if !ok {
            return ExitCode::FAILURE;
        }
    }
    if let Some(si) = opts.script {
        let args: Vec<Value> = argv[si + 1..]
            .iter()
            .map(|a| lua.create_string(a.as_bytes()))
            .collect();
        let ok = if argv[si] == "-" && (si == 0 || argv[si - 1] != "--") {
            let mut src = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut src) {
                report(format!("cannot read stdin: {e}").as_bytes());
                return ExitCode::FAILURE;
            }
            run_chunk(&mut lua, &src, b"=stdin", &args)
        } else {
            run_file(&mut lua, &argv[si], &args)
        };
        if !ok {
            return ExitCode::FAILURE;
        }
    }
    if opts.interactive {
        repl(&mut lua);
    } else if opts.script.is_none() && opts.actions.is_empty() && !opts.version {
        if std::io::stdin().is_terminal() {
            println!("{VERSION}");
            repl(&mut lua);
        } else {
            let mut src = Vec::new();
            if std::io::stdin().read_to_end(&mut src).is_err()
                || !run_chunk(&mut lua, &src, b"=stdin", &[])
            {
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// `arg`: the script at 0, its arguments from 1, what came before it at
/// negative indices (lua.c's getargs).
fn set_arg_table(lua: &mut Lua, argv: &[String], script: Option<usize>) {
    let zero = script.unwrap_or(argv.len());
    let t = lua.create_table();
    for (i, a) in argv.iter().enumerate() {
        let v = lua.create_string(a.as_bytes());
        lua.state
            .heap
            .table_mut(t)
            .set_int(i as i64 - zero as i64, v);
    }
    lua.set_global("arg", Value::Table(t));
}

fn require(lua: &mut Lua, name: &str) -> bool {
    let f = lua.get_global("require");
    let n = lua.create_string(name.as_bytes());
    let result = lua.state.call_value(f, &[n]);
    finish(lua, result)
}

fn run_file(lua: &mut Lua, path: &str, args: &[Value]) -> bool {
    match std::fs::read(path) {
        Ok(src) => {
            let src = lua_core::compiler::skip_shebang(&src);
            run_chunk(lua, src, format!("@{path}").as_bytes(), args)
        }
        Err(e) => {
            let why = lua_stdlib::io::strerror(&e);
            report(format!("cannot open {path}: {why}").as_bytes());
            false
        }
    }
}

fn run_chunk(lua: &mut Lua, src: &[u8], name: &[u8], args: &[Value]) -> bool {
    // Binary chunks (string.dump, luac5.1) load too.
    match lua_stdlib::chunk::load(&mut lua.state, src, name) {
        Ok(f) => {
            let result = lua.state.call_value(f, args);
            finish(lua, result)
        }
        Err(msg) => {
            report(&msg);
            false
        }
    }
}

/// Reports an uncaught error (if any) and readies the state for more.
fn finish(lua: &mut Lua, result: Result<Vec<Value>, LuaError>) -> bool {
    match result {
        Ok(_) => true,
        Err(e) => {
            if let Some(text) = error_report(&lua.state, e) {
                report(&text);
            }
            lua.state.reset_after_error();
            false
        }
    }
}

fn report(msg: &[u8]) {
    let mut line = b"redmoon-lua: ".to_vec();
    line.extend_from_slice(msg);
    line.push(b'\n');
    // Nothing more to do if stderr is gone.
    let _ = std::io::stderr().write_all(&line);
}

/// What lua.c prints for an uncaught error: the message and the traceback
/// of where it was raised (the frames are still in place), nothing for a
/// nil error, and a placeholder for other non-string error values.
fn error_report(state: &lua_core::State, e: LuaError) -> Option<Vec<u8>> {
    match e {
        LuaError::Runtime(Value::Nil) => None,
        LuaError::Runtime(v @ (Value::String(_) | Value::Number(_))) => {
            let mut msg = state.raw_tostring(v);
            msg.push(b'\n');
            msg.extend_from_slice(&state.traceback());
            Some(msg)
        }
        LuaError::Runtime(_) => Some(b"(error object is not a string)".to_vec()),
        other => Some(state.embedder_error(other).to_string().into_bytes()),
    }
}

/// The interactive loop: `> ` prompts, `>> ` while a statement is
/// incomplete, `=expr` prints the expression's values.
fn repl(lua: &mut Lua) {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut pending = String::new();
    loop {
        print!("{}", if pending.is_empty() { "> " } else { ">> " });
        let _ = std::io::stdout().flush();
        let Some(Ok(line)) = lines.next() else {
            println!();
            return;
        };
        if pending.is_empty() {
            pending = match line.strip_prefix('=') {
                Some(expr) => format!("return {expr}"),
                None => line,
            };
        } else {
            pending.push('\n');
            pending.push_str(&line);
        }
        let f = match lua.load(pending.as_bytes(), b"=stdin") {
            Ok(f) => f,
            Err(e) => {
                let msg = e.to_string();
                if msg.ends_with("'<eof>'") {
                    continue;
                }
                report(msg.as_bytes());
                pending.clear();
                continue;
            }
        };
        pending.clear();
        let result = lua.state.call_value(f, &[]);
        if let Ok(values) = &result {
            if !values.is_empty() {
                let print = lua.get_global("print");
                let printed = lua.state.call_value(print, values);
                finish(lua, printed);
            }
        }
        finish(lua, result);
    }
}
