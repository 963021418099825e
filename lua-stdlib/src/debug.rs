//! The `debug` library (ldblib.c) for the command line and embedders who
//! ask for it: `getinfo`, `getlocal`/`setlocal`, `getupvalue`/`setupvalue`,
//! `traceback`, `getregistry`, `getmetatable`/`setmetatable` and
//! `getfenv`/`setfenv`, over the running thread's frames. Hooks
//! (`sethook`/`gethook`) are not provided: the VM has no hook points.

use lua_core::function::Function;
use lua_core::local_name;
use lua_core::proto::{chunk_id, LUA_IDSIZE};
use lua_core::state::type_metatable_slot;
use lua_core::value::TableRef;
use lua_core::{LuaError, State, Value};

use crate::libtable::{open_lib, set_field, Functions};

const FUNCTIONS: &Functions = &[
    ("getfenv", getfenv),
    ("getinfo", getinfo),
    ("getlocal", getlocal),
    ("getmetatable", getmetatable),
    ("getregistry", getregistry),
    ("getupvalue", getupvalue),
    ("setfenv", setfenv),
    ("setlocal", setlocal),
    ("setmetatable", setmetatable),
    ("setupvalue", setupvalue),
    ("traceback", traceback),
];

/// Opens the `debug` table.
pub fn open(s: &mut State) {
    open_lib(s, "debug", FUNCTIONS);
}

/// The frame index of stack level `level` (1 is the caller of the running
/// native), if there is such a level.
fn frame_at(s: &State, level: i64) -> Option<usize> {
    let top = s.frames.len() as i64 - 1;
    (level >= 0 && level <= top).then(|| (top - level) as usize)
}

/// `debug.getinfo([f | level], what)`.
fn getinfo(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let what = match s.arg(2) {
        Value::Nil => b"flnSu".to_vec(),
        _ => s.check_string(2)?,
    };
    let (func, frame) = match s.arg(1) {
        Value::Function(f) => (f, None),
        _ => {
            let level = s.check_int(1)?;
            let Some(fi) = frame_at(s, level) else {
                s.push(Value::Nil);
                return Ok(1);
            };
            match s.stack[s.frames[fi].func] {
                Value::Function(f) => (f, Some(fi)),
                _ => {
                    s.push(Value::Nil);
                    return Ok(1);
                }
            }
        }
    };
    // '>' (function on the stack) is the C API's; from Lua it selects nothing.
    let what = what.strip_prefix(b">").unwrap_or(&what);
    if what.iter().any(|c| !b"SlunfL".contains(c)) {
        return Err(s.arg_error(2, "invalid option"));
    }
    let t = s.heap.new_table(0, 2);
    let proto = match s.heap.function(func) {
        Function::Lua { proto, .. } => Some(proto.clone()),
        _ => None,
    };
    for &c in what {
        match c {
            b'S' => {
                let (source, line, last, kind) = match &proto {
                    Some(p) => (
                        p.info.source.to_vec(),
                        f64::from(p.info.line_defined),
                        f64::from(p.info.last_line_defined),
                        if p.info.line_defined == 0 {
                            "main"
                        } else {
                            "Lua"
                        },
                    ),
                    None => (b"=[C]".to_vec(), -1.0, -1.0, "C"),
                };
                let short = s.str_value(&chunk_id(&source, LUA_IDSIZE));
                let source = s.str_value(&source);
                let kind = s.str_value(kind.as_bytes());
                set_field(s, t, "source", source);
                set_field(s, t, "short_src", short);
                set_field(s, t, "linedefined", Value::Number(line));
                set_field(s, t, "lastlinedefined", Value::Number(last));
                set_field(s, t, "what", kind);
            }
            b'l' => {
                let line = match (frame, &proto) {
                    (Some(fi), Some(p)) => p
                        .info
                        .line_info
                        .get(s.frames[fi].pc)
                        .map_or(-1.0, |&l| f64::from(l)),
                    _ => -1.0,
                };
                set_field(s, t, "currentline", Value::Number(line));
            }
            b'u' => {
                let nups = match s.heap.function(func) {
                    Function::Lua { upvalues, .. } => upvalues.len(),
                    Function::Closure { upvalues, .. } => upvalues.len(),
                    Function::Native { .. } => 0,
                };
                set_field(s, t, "nups", Value::Number(nups as f64));
            }
            b'n' => {
                let named = frame.and_then(|fi| s.frame_name(fi));
                let (kind, name) = match named {
                    Some((kind, name)) => (kind, Some(name)),
                    None => ("", None),
                };
                if let Some(name) = name {
                    let v = s.str_value(name.as_bytes());
                    set_field(s, t, "name", v);
                }
                let v = s.str_value(kind.as_bytes());
                set_field(s, t, "namewhat", v);
            }
            b'f' => set_field(s, t, "func", Value::Function(func)),
            b'L' => {
                let lines = s.heap.new_table(0, 0);
                if let Some(p) = &proto {
                    for &l in &p.info.line_info {
                        s.heap
                            .table_mut(lines)
                            .set_int(i64::from(l), Value::Boolean(true));
                    }
                }
                set_field(s, t, "activelines", Value::Table(lines));
            }
            _ => {}
        }
    }
    s.push(Value::Table(t));
    Ok(1)
}

/// The stack slot and name of local `n` of frame `fi`: a named local of a
/// Lua function, or `(*temporary)` for other live slots (lua_getlocal).
fn local_slot(s: &State, fi: usize, n: i64) -> Option<(usize, Vec<u8>)> {
    let f = &s.frames[fi];
    let n = usize::try_from(n).ok().filter(|&n| n > 0)?;
    if let Some(p) = &f.proto {
        if let Some(name) = local_name(p, n, f.pc) {
            return Some((f.base + n - 1, name.into_bytes()));
        }
    }
    // Live slots end where the next frame's function sits.
    let limit = s.frames.get(fi + 1).map_or(s.top, |next| next.func);
    (f.base + n - 1 < limit).then(|| (f.base + n - 1, b"(*temporary)".to_vec()))
}

fn check_level(s: &mut State, arg: usize) -> Result<usize, LuaError> {
    let level = s.check_int(arg)?;
    match frame_at(s, level) {
        Some(fi) => Ok(fi),
        None => Err(s.arg_error(arg, "level out of range")),
    }
}

fn getlocal(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let fi = check_level(s, 1)?;
    let n = s.check_int(2)?;
    match local_slot(s, fi, n) {
        Some((slot, name)) => {
            let name = s.str_value(&name);
            s.push(name);
            s.push(s.stack[slot]);
            Ok(2)
        }
        None => {
            s.push(Value::Nil);
            Ok(1)
        }
    }
}

fn setlocal(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let fi = check_level(s, 1)?;
    let n = s.check_int(2)?;
    let v = s.check_any(3)?;
    match local_slot(s, fi, n) {
        Some((slot, name)) => {
            s.stack[slot] = v;
            let name = s.str_value(&name);
            s.push(name);
            Ok(1)
        }
        None => {
            s.push(Value::Nil);
            Ok(1)
        }
    }
}

/// The cell and name of upvalue `n` of the Lua function in argument 1.
fn upvalue(s: &mut State) -> Result<Option<(u32, Vec<u8>)>, LuaError> {
    let n = s.check_int(2)?;
    let f = match s.arg(1) {
        Value::Function(f) => f,
        _ => return Err(s.type_arg_error(1, "function")),
    };
    let Function::Lua {
        proto, upvalues, ..
    } = s.heap.function(f)
    else {
        return Ok(None);
    };
    let Some(i) = usize::try_from(n).ok().and_then(|n| n.checked_sub(1)) else {
        return Ok(None);
    };
    Ok(upvalues.get(i).map(|&cell| {
        let name = proto
            .info
            .upvalue_names
            .get(i)
            .map_or(Vec::new(), |n| n.to_vec());
        (cell, name)
    }))
}

fn getupvalue(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let Some((cell, name)) = upvalue(s)? else {
        return Ok(0);
    };
    let name = s.str_value(&name);
    s.push(name);
    s.push(s.get_upval(cell));
    Ok(2)
}

fn setupvalue(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = s.check_any(3)?;
    let Some((cell, name)) = upvalue(s)? else {
        return Ok(0);
    };
    s.set_upval(cell, v);
    let name = s.str_value(&name);
    s.push(name);
    Ok(1)
}

/// `debug.traceback([msg [, level]])`: a non-string message is returned as it is.
fn traceback(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let level = match s.arg(2) {
        Value::Number(_) | Value::String(_) if s.to_number(s.arg(2)).is_some() => s.check_int(2)?,
        _ => 1,
    };
    let mut out = match s.arg(1) {
        Value::String(m) => {
            let mut m = s.heap.str(m).to_vec();
            m.push(b'\n');
            m
        }
        Value::Number(x) => {
            let mut m = lua_core::number::fmt_number(x).into_bytes();
            m.push(b'\n');
            m
        }
        Value::Nil if n == 0 => Vec::new(),
        v => {
            s.push(v);
            return Ok(1);
        }
    };
    out.extend_from_slice(&s.traceback_from(usize::try_from(level).unwrap_or(0)));
    let v = s.str_value(&out);
    s.push(v);
    Ok(1)
}

fn getregistry(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    s.push(Value::Table(s.registry));
    Ok(1)
}

fn getmetatable(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = s.check_any(1)?;
    let mt = s.get_metatable(v).map_or(Value::Nil, Value::Table);
    s.push(mt);
    Ok(1)
}

/// `debug.setmetatable(v, mt)`: any value's metatable, protected or not.
fn setmetatable(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let mt: Option<TableRef> = match s.arg(2) {
        Value::Nil if n >= 2 => None,
        Value::Table(t) => Some(t),
        _ => return Err(s.arg_error(2, "nil or table expected")),
    };
    match s.arg(1) {
        Value::Table(t) => s.heap.table_mut(t).metatable = mt,
        Value::String(_) => s.string_mt = mt,
        Value::UserData(_) => {
            return Err(s.rt_error("debug.setmetatable cannot change a userdata's metatable"))
        }
        v => {
            if let Some(slot) = type_metatable_slot(v) {
                s.type_metatables[slot] = mt;
            }
        }
    }
    s.push(Value::Boolean(true));
    Ok(1)
}

fn getfenv(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let env = match s.check_any(1)? {
        Value::Function(f) => Value::Table(s.heap.function(f).env()),
        _ => Value::Nil,
    };
    s.push(env);
    Ok(1)
}

fn setfenv(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(2)?;
    match s.arg(1) {
        Value::Function(f) => {
            s.heap.function_mut(f).set_env(t);
            s.push(Value::Function(f));
            Ok(1)
        }
        _ => Err(s.rt_error("'setfenv' cannot change environment of given object")),
    }
}
