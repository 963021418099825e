//! `redmoon-lua`: the `lua5.1` command. `redmoon-lua [options] [script
//! [args]]` with lua.c's options: `-e stat` runs a string, `-l name`
//! requires a module, `-v` prints the version, `--` ends the options, and
//! `-` (or no script when stdin is not a terminal) runs standard input. The
//! script sees its arguments as `...` and in the global `arg`.

use std::io::{IsTerminal, Write};

use lua_core::{LuaError, Value};
use std::process::ExitCode;

const USAGE: &str = "usage: redmoon-lua [options] [script [args]].
Available options are:
  -e stat  execute string 'stat'
  -l name  require library 'name'
  -v       show version information
  --       stop handling options
  -        execute stdin and stop handling options";

fn main() -> ExitCode {
    let args: Vec<Vec<u8>> = std::env::args_os()
        .map(|a| a.into_encoded_bytes())
        .collect();
    let mut lua = lua_core::Lua::new();
    lua_stdlib::open_libs(&mut lua);
    let mut ran_something = false;
    let mut i = 1;
    while i < args.len() {
        let opt = args[i].as_slice();
        let run = match opt {
            b"--" => {
                i += 1;
                break;
            }
            b"-" => break,
            b"-v" => {
                println!("redmoon-lua {} (Lua 5.1)", env!("CARGO_PKG_VERSION"));
                ran_something = true;
                Ok(())
            }
            _ if opt.starts_with(b"-e") || opt.starts_with(b"-l") => {
                // The value may be attached (`-eprint(1)`) or the next argument.
                let value = if opt.len() > 2 {
                    opt[2..].to_vec()
                } else {
                    i += 1;
                    match args.get(i) {
                        Some(v) => v.clone(),
                        None => return usage(),
                    }
                };
                ran_something = true;
                if opt[1] == b'e' {
                    let loaded =
                        lua_stdlib::chunk::load(&mut lua.state, &value, b"=(command line)");
                    run_chunk(&mut lua, loaded, &[])
                } else {
                    require(&mut lua, &value)
                }
            }
            _ if opt.starts_with(b"-") => return usage(),
            _ => break,
        };
        if let Err(report) = run {
            return fail(&report);
        }
        i += 1;
    }
    let script = match args.get(i) {
        Some(s) => s.clone(),
        None if ran_something || std::io::stdin().is_terminal() => return ExitCode::SUCCESS,
        None => b"-".to_vec(),
    };
    set_arg_table(&mut lua, &args, i);
    let script_args: Vec<Value> = args
        .iter()
        .skip(i + 1)
        .map(|a| lua.create_string(a))
        .collect();
    let path = (script != b"-").then_some(script.as_slice());
    let loaded = lua_stdlib::package::load_file(&mut lua.state, path);
    match run_chunk(&mut lua, loaded, &script_args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => fail(&report),
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::FAILURE
}

/// Prints `redmoon-lua: REPORT` (nothing for an empty report: a nil error).
fn fail(report: &[u8]) -> ExitCode {
    if !report.is_empty() {
        let mut line = b"redmoon-lua: ".to_vec();
        line.extend_from_slice(report);
        line.push(b'\n');
        // Nothing more to do if stderr is gone.
        let _ = std::io::stderr().write_all(&line);
    }
    ExitCode::FAILURE
}

/// The global `arg`: the script at 0, its arguments after it, the
/// interpreter and options before it (negative indices), as lua.c makes it.
fn set_arg_table(lua: &mut lua_core::Lua, args: &[Vec<u8>], script: usize) {
    let t = lua.create_table();
    for (n, a) in args.iter().enumerate() {
        let v = lua.create_string(a);
        lua.state
            .heap
            .table_mut(t)
            .set_int(n as i64 - script as i64, v);
    }
    lua.set_global("arg", Value::Table(t));
}

/// `require(name)` for `-l`.
fn require(lua: &mut lua_core::Lua, name: &[u8]) -> Result<(), Vec<u8>> {
    let f = lua.get_global("require");
    let name = lua.create_string(name);
    call(lua, f, &[name])
}

/// Runs a loaded chunk; a load error is reported as it is, a runtime error
/// with its traceback.
fn run_chunk(
    lua: &mut lua_core::Lua,
    loaded: Result<Value, Vec<u8>>,
    args: &[Value],
) -> Result<(), Vec<u8>> {
    let f = loaded?;
    call(lua, f, args)
}

/// lua.c's `pmain`: the native function the script runs under, so
/// tracebacks end in `[C]: ?` as lua5.1's do.
fn run_main(s: &mut lua_core::State, n: usize) -> Result<usize, LuaError> {
    let func = s.top - n;
    s.call(func, n - 1, 0)?;
    Ok(0)
}

fn call(lua: &mut lua_core::Lua, f: Value, args: &[Value]) -> Result<(), Vec<u8>> {
    let main = lua.state.native("main", run_main);
    let mut all = vec![f];
    all.extend_from_slice(args);
    match lua.state.call_value(main, &all) {
        Ok(_) => Ok(()),
        Err(e) => {
            let report = error_report(&lua.state, e);
            lua.state.reset_after_error();
            Err(report.unwrap_or_default())
        }
    }
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
