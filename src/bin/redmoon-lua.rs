//! `redmoon-lua`: run a Lua file, `-e code`, or `-` (stdin).

use std::io::{Read, Write};

use lua_core::{LuaError, Value};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut lua = lua_core::Lua::new();
    lua_stdlib::open_libs(&mut lua);
    let (src, name) = match args.first().map(String::as_str) {
        Some("-e") => match args.get(1) {
            Some(code) => (code.clone().into_bytes(), b"=(command line)".to_vec()),
            None => {
                eprintln!("redmoon-lua: '-e' needs argument");
                return ExitCode::FAILURE;
            }
        },
        Some("-") | None => {
            let mut buf = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut buf) {
                eprintln!("redmoon-lua: {e}");
                return ExitCode::FAILURE;
            }
            (buf, b"=stdin".to_vec())
        }
        Some(path) => match std::fs::read(path) {
            Ok(b) => (b, format!("@{path}").into_bytes()),
            Err(e) => {
                eprintln!("redmoon-lua: cannot open {path}: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let f = match lua.load(&src, &name) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("redmoon-lua: {e}");
            return ExitCode::FAILURE;
        }
    };
    match lua.state.call_value(f, &[]) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            let report = error_report(&lua.state, e);
            lua.state.reset_after_error();
            if let Some(report) = report {
                let mut line = b"redmoon-lua: ".to_vec();
                line.extend_from_slice(&report);
                line.push(b'\n');
                // Nothing more to do if stderr is gone.
                let _ = std::io::stderr().write_all(&line);
            }
            ExitCode::FAILURE
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
            // The main chunk itself was called from C.
            msg.extend_from_slice(b"\n\t[C]: ?");
            Some(msg)
        }
        LuaError::Runtime(_) => Some(b"(error object is not a string)".to_vec()),
        other => Some(state.embedder_error(other).to_string().into_bytes()),
    }
}
