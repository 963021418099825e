//! The debug library (ldblib.c) for the command line and embedders who want
//! it: getinfo, getlocal/setlocal, getupvalue/setupvalue, traceback, raw
//! metatables and environments of any value, the registry, hooks, and the
//! `debug.debug` prompt. The frame introspection and the hooks themselves
//! are lua-core's (debug.rs, hook.rs).

use std::io::BufRead;

use lua_core::debug::ThreadView;
use lua_core::hook;
use lua_core::{LuaError, State, Value};

use crate::libtable::{open_lib, set_field, Functions};

const FUNCTIONS: &Functions = &[
    ("debug", debug),
    ("getfenv", getfenv),
    ("gethook", gethook),
    ("getinfo", getinfo),
    ("getlocal", getlocal),
    ("getmetatable", getmetatable),
    ("getregistry", getregistry),
    ("getupvalue", getupvalue),
    ("setfenv", setfenv),
    ("sethook", sethook),
    ("setlocal", setlocal),
    ("setmetatable", setmetatable),
    ("setupvalue", setupvalue),
    ("traceback", traceback),
];

/// Opens the `debug` table.
pub fn open(s: &mut State) {
    open_lib(s, "debug", FUNCTIONS);
}

/// The thread an optional first argument names, and where the other
/// arguments start (ldblib.c's getthread).
fn thread_arg(s: &State) -> (Option<u32>, usize) {
    match s.arg(1) {
        Value::Thread(t) => (Some(t), 1),
        _ => (None, 0),
    }
}

fn view(s: &State, thread: Option<u32>) -> ThreadView<'_> {
    match thread {
        Some(t) => s.thread_view(t),
        None => s.running_view(),
    }
}

fn getinfo(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let (thread, base) = thread_arg(s);
    let options = match s.arg(base + 2) {
        Value::Nil => b"flnSu".to_vec(),
        _ => s.check_string(base + 2)?,
    };
    let target = s.arg(base + 1);
    // A level names a frame; a function is described without one.
    let (func, frame) = match target {
        Value::Function(_) => (target, None),
        _ => {
            let level = s.check_int(base + 1)?;
            let v = view(s, thread);
            let fi = usize::try_from(level)
                .ok()
                .and_then(|l| State::frame_at(&v, l));
            let Some(fi) = fi else {
                s.push(Value::Nil);
                return Ok(1);
            };
            (State::frame_function(&v, fi), Some(fi))
        }
    };
    let t = s.heap.new_table(0, 12);
    s.push(Value::Table(t));
    for &c in &options {
        match c {
            b'S' => {
                let info = s.function_info(func);
                let src = s.str_value(&info.source);
                set_field(s, t, "source", src);
                let short = s.str_value(&info.short_src);
                set_field(s, t, "short_src", short);
                set_field(s, t, "linedefined", Value::Number(info.line_defined as f64));
                set_field(
                    s,
                    t,
                    "lastlinedefined",
                    Value::Number(info.last_line_defined as f64),
                );
                let what = s.str_value(info.what.as_bytes());
                set_field(s, t, "what", what);
            }
            b'l' => {
                let line = match frame {
                    Some(fi) => State::frame_line(&view(s, thread), fi),
                    None => -1,
                };
                set_field(s, t, "currentline", Value::Number(line as f64));
            }
            b'u' => {
                let nups = s.function_info(func).nups;
                set_field(s, t, "nups", Value::Number(nups as f64));
            }
            b'n' => {
                let name = frame.and_then(|fi| s.frame_call_name(&view(s, thread), fi));
                let (what, name) = match name {
                    Some((what, name)) => (what, s.str_value(name.as_bytes())),
                    None => ("", Value::Nil),
                };
                set_field(s, t, "name", name);
                let what = s.str_value(what.as_bytes());
                set_field(s, t, "namewhat", what);
            }
            b'f' => set_field(s, t, "func", func),
            b'L' => {
                let info = s.function_info(func);
                if info.what == "C" {
                    set_field(s, t, "activelines", Value::Nil);
                } else {
                    let lt = s.heap.new_table(0, info.active_lines.len());
                    for l in info.active_lines {
                        let _ = s
                            .heap
                            .table_mut(lt)
                            .set(Value::Number(f64::from(l)), Value::Boolean(true));
                    }
                    set_field(s, t, "activelines", Value::Table(lt));
                }
            }
            // lua_getinfo's '>' (function on the stack) has no meaning here.
            b'>' => {}
            _ => return Err(s.arg_error(base + 2, "invalid option")),
        }
    }
    Ok(1)
}

/// The frame index of the level argument at `arg`, or lua5.1's error.
fn level_frame(s: &mut State, thread: Option<u32>, arg: usize) -> Result<usize, LuaError> {
    let level = s.check_int(arg)?;
    let fi = usize::try_from(level)
        .ok()
        .and_then(|l| State::frame_at(&view(s, thread), l));
    fi.ok_or_else(|| s.arg_error(arg, "level out of range"))
}

fn getlocal(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let (thread, base) = thread_arg(s);
    let fi = level_frame(s, thread, base + 1)?;
    let n = s.check_int(base + 2)?;
    let found = usize::try_from(n)
        .ok()
        .and_then(|n| State::frame_local(&view(s, thread), fi, n));
    match found {
        Some((name, slot)) => {
            let value = match thread {
                Some(t) if t != s.current_thread => s.heap.thread(t).stack[slot],
                _ => s.stack[slot],
            };
            let name = s.str_value(&name);
            s.push(name);
            s.push(value);
            Ok(2)
        }
        None => {
            s.push(Value::Nil);
            Ok(1)
        }
    }
}

fn setlocal(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let (thread, base) = thread_arg(s);
    let fi = level_frame(s, thread, base + 1)?;
    let n = s.check_int(base + 2)?;
    let value = s.check_any(base + 3)?;
    let found = usize::try_from(n)
        .ok()
        .and_then(|n| State::frame_local(&view(s, thread), fi, n));
    match found {
        Some((name, slot)) => {
            match thread {
                Some(t) if t != s.current_thread => s.heap.thread_mut(t).stack[slot] = value,
                _ => s.stack[slot] = value,
            }
            let name = s.str_value(&name);
            s.push(name);
        }
        None => s.push(Value::Nil),
    }
    Ok(1)
}

fn check_function(s: &mut State, n: usize) -> Result<Value, LuaError> {
    match s.arg(n) {
        v @ Value::Function(_) => Ok(v),
        _ => Err(s.type_arg_error(n, "function")),
    }
}

fn getupvalue(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let f = check_function(s, 1)?;
    let n = s.check_int(2)?;
    match usize::try_from(n).ok().and_then(|n| s.upvalue(f, n)) {
        Some((name, v)) => {
            let name = s.str_value(&name);
            s.push(name);
            s.push(v);
            Ok(2)
        }
        None => Ok(0),
    }
}

fn setupvalue(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let f = check_function(s, 1)?;
    let n = s.check_int(2)?;
    let v = s.check_any(3)?;
    match usize::try_from(n).ok().and_then(|n| s.set_upvalue(f, n, v)) {
        Some(name) => {
            let name = s.str_value(&name);
            s.push(name);
            Ok(1)
        }
        None => Ok(0),
    }
}

fn traceback(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let (thread, base) = thread_arg(s);
    let msg = s.arg(base + 1);
    if !matches!(msg, Value::Nil | Value::String(_) | Value::Number(_)) {
        // Not a message: handed back untouched (an error object).
        s.push(msg);
        return Ok(1);
    }
    let default_level = if thread.is_some() { 0 } else { 1 };
    let level = match s.arg(base + 2) {
        Value::Nil => default_level,
        _ => s.check_int(base + 2)?,
    };
    let mut text = match msg {
        Value::Nil => Vec::new(),
        _ => {
            let mut m = s.raw_tostring(msg);
            m.push(b'\n');
            m
        }
    };
    let level = usize::try_from(level).unwrap_or(0);
    text.extend_from_slice(&s.traceback_of(&view(s, thread), level));
    let v = s.str_value(&text);
    s.push(v);
    Ok(1)
}

/// `debug.sethook([thread,] hook, mask [, count])`; no hook clears it.
fn sethook(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let (thread, base) = thread_arg(s);
    let thread = thread.unwrap_or(s.current_thread);
    let (func, mask, count) = match s.arg(base + 1) {
        Value::Nil => (Value::Nil, 0, 0),
        _ => {
            let letters = s.check_string(base + 2)?;
            let func = check_function(s, base + 1)?;
            let count = s.opt_c_int(base + 3, 0)?;
            (func, hook::mask_from_letters(&letters, count), count)
        }
    };
    s.set_debug_hook(thread, func, mask, count);
    Ok(0)
}

/// `debug.gethook([thread])`: the hook function, its mask letters and count.
fn gethook(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let (thread, _) = thread_arg(s);
    let hook = s.thread_debug_hook(thread.unwrap_or(s.current_thread));
    s.push(hook.func);
    let letters = s.str_value(hook::mask_letters(hook.mask).as_bytes());
    s.push(letters);
    s.push(Value::Number(f64::from(hook.base_count)));
    Ok(3)
}

fn getmetatable(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = s.check_any(1)?;
    let mt = s.get_metatable(v).map_or(Value::Nil, Value::Table);
    s.push(mt);
    Ok(1)
}

fn setmetatable(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = s.arg(1);
    let mt = match s.arg(2) {
        Value::Nil => None,
        Value::Table(t) => Some(t),
        _ => return Err(s.arg_error(2, "nil or table expected")),
    };
    match v {
        Value::Table(t) => s.heap.table_mut(t).metatable = mt,
        Value::UserData(u) => s.heap.set_userdata_metatable(u, mt),
        Value::String(_) => s.string_mt = mt,
        _ => s.type_mts[v.type_tag()] = mt,
    }
    s.push(Value::Boolean(true));
    Ok(1)
}

fn getfenv(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let env = match s.arg(1) {
        Value::Function(f) => Value::Table(s.heap.function(f).env()),
        // Threads and userdata have no environments here.
        _ => Value::Nil,
    };
    s.push(env);
    Ok(1)
}

fn setfenv(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(2)?;
    match s.arg(1) {
        Value::Function(f) => s.heap.function_mut(f).set_env(t),
        _ => return Err(s.rt_error("'setfenv' cannot change environment of given object")),
    }
    s.push(s.arg(1));
    Ok(1)
}

fn getregistry(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    s.push(Value::Table(s.registry));
    Ok(1)
}

/// `debug.debug()`: runs lines read from stdin until `cont` or the end,
/// reporting each line's error on stderr (lua5.1's prompt is `lua_debug> `).
fn debug(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        eprint!("lua_debug> ");
        let Some(Ok(line)) = lines.next() else {
            return Ok(0);
        };
        if line == "cont" {
            return Ok(0);
        }
        let msg = match s.load(line.as_bytes(), b"=(debug command)") {
            Ok(f) => match s.pcall_value(f, &[])? {
                Ok(_) => continue,
                Err(e) => s.raw_tostring(e),
            },
            Err(msg) => msg,
        };
        eprintln!("{}", String::from_utf8_lossy(&msg));
    }
}
