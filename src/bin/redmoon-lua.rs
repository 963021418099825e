//! `redmoon-lua`: run a Lua file, `-e code`, or `-` (stdin).

use std::io::Read;
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
    let result = lua.load(&src, &name).and_then(|f| lua.call(f, &[]));
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("redmoon-lua: {e}");
            ExitCode::FAILURE
        }
    }
}
