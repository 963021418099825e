//! The base library (lbaselib.c): print, type, pairs, pcall, error, ...

use lua_core::function::Function;
use lua_core::state::Tm;
use lua_core::{LuaError, State, Value};

/// Registers the base functions into the globals.
pub fn open(s: &mut State) {
    let fns: &[(&'static str, lua_core::function::NativeFn)] = &[
        ("type", type_),
        ("tostring", tostring),
        ("tonumber", tonumber),
        ("next", next),
        ("pairs", pairs),
        ("ipairs", ipairs),
        ("select", select),
        ("unpack", unpack),
        ("rawget", rawget),
        ("rawset", rawset),
        ("rawequal", rawequal),
        ("setmetatable", setmetatable),
        ("getmetatable", getmetatable),
        ("assert", assert),
        ("error", error),
        ("pcall", pcall),
        ("xpcall", xpcall),
        ("loadstring", loadstring),
        ("load", load),
        ("collectgarbage", collectgarbage),
        ("gcinfo", gcinfo),
        ("getfenv", getfenv),
        ("setfenv", setfenv),
    ];
    for &(name, f) in fns {
        let v = s.native(name, f);
        set_global(s, name, v);
    }
    open_newproxy(s);
    let g = Value::Table(s.globals);
    set_global(s, "_G", g);
    let ver = s.str_value(b"Lua 5.1");
    set_global(s, "_VERSION", ver);
}

/// Registers `print`, which writes to the state's output: apart from the rest
/// of the base library so sandboxes can leave it out.
pub fn open_print(s: &mut State) {
    let v = s.native("print", print);
    set_global(s, "print", v);
}

fn set_global(s: &mut State, name: &str, v: Value) {
    let k = s.str_value(name.as_bytes());
    let g = s.globals;
    // String keys are always valid.
    let _ = s.heap.table_mut(g).set(k, v);
}

fn print(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let mut line = Vec::new();
    for i in 1..=n {
        if i > 1 {
            line.push(b'\t');
        }
        let t = s.tostring(s.arg(i))?;
        // lua5.1 writes each piece with C's fputs, which stops at a NUL.
        let end = t.iter().position(|&c| c == 0).unwrap_or(t.len());
        line.extend_from_slice(&t[..end]);
    }
    line.push(b'\n');
    // Output failures (closed pipe) are not Lua errors in lua5.1 either.
    let _ = s.output.write_all(&line);
    Ok(0)
}

fn type_(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = s.check_any(1)?;
    let t = s.str_value(v.type_name().as_bytes());
    s.push(t);
    Ok(1)
}

fn tostring(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = s.check_any(1)?;
    let t = s.tostring(v)?;
    let t = s.str_value(&t);
    s.push(t);
    Ok(1)
}

fn tonumber(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let base = s.opt_number(2, 10.0)? as i64;
    let r = if base == 10 {
        s.check_any(1)?;
        s.to_number(s.arg(1))
    } else {
        let text = s.check_string(1)?;
        if !(2..=36).contains(&base) {
            return Err(s.arg_error(2, "base out of range"));
        }
        parse_base(&text, base as u32)
    };
    s.push(r.map_or(Value::Nil, Value::Number));
    Ok(1)
}

/// strtoul-style parse requiring the whole (space-trimmed) text.
fn parse_base(text: &[u8], base: u32) -> Option<f64> {
    let t = text.trim_ascii();
    let (neg, digits) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: f64 = 0.0;
    for &c in digits {
        let d = (c as char).to_digit(36)?;
        if d >= base {
            return None;
        }
        n = n * f64::from(base) + f64::from(d);
    }
    Some(if neg { -n } else { n })
}

fn next(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    match s.heap.table(t).next(s.arg(2)) {
        Ok(Some((k, v))) => {
            s.push(k);
            s.push(v);
            Ok(2)
        }
        Ok(None) => {
            s.push(Value::Nil);
            Ok(1)
        }
        Err(_) => Err(s.rt_error("invalid key to 'next'")),
    }
}

fn pairs(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let f = s.native("next", next);
    s.push(f);
    s.push(Value::Table(t));
    s.push(Value::Nil);
    Ok(3)
}

fn ipairs_aux(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let i = s.check_int(2)? + 1;
    let v = s.heap.table(t).get_int(i);
    if matches!(v, Value::Nil) {
        return Ok(0);
    }
    s.push(Value::Number(i as f64));
    s.push(v);
    Ok(2)
}

fn ipairs(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let f = s.native("ipairs_aux", ipairs_aux);
    s.push(f);
    s.push(Value::Table(t));
    s.push(Value::Number(0.0));
    Ok(3)
}

fn select(s: &mut State, n: usize) -> Result<usize, LuaError> {
    if let Value::String(k) = s.arg(1) {
        if s.heap.str(k) == b"#" {
            s.push(Value::Number((n - 1) as f64));
            return Ok(1);
        }
    }
    let i = s.check_int(1)?;
    let first = if i < 0 {
        n as i64 + i
    } else if i == 0 {
        return Err(s.arg_error(1, "index out of range"));
    } else {
        i
    };
    if first < 1 {
        return Err(s.arg_error(1, "index out of range"));
    }
    let mut count = 0;
    for j in first as usize + 1..=n {
        let v = s.arg(j);
        s.push(v);
        count += 1;
    }
    Ok(count)
}

fn unpack(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let i = s.opt_number(2, 1.0)? as i64;
    let j = match s.arg(3) {
        Value::Nil => s.heap.table(t).len() as i64,
        _ => s.check_int(3)?,
    };
    if i > j {
        return Ok(0);
    }
    if j - i >= 8_000_000 {
        return Err(s.rt_error("too many results to unpack"));
    }
    for k in i..=j {
        let v = s.heap.table(t).get_int(k);
        s.push(v);
    }
    Ok((j - i + 1) as usize)
}

fn rawget(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let v = s.heap.table(t).get(s.arg(2));
    s.push(v);
    Ok(1)
}

fn rawset(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let (k, v) = (s.arg(2), s.arg(3));
    if let Err(e) = s.heap.table_mut(t).set(k, v) {
        return Err(s.rt_error(e.message()));
    }
    s.push(Value::Table(t));
    Ok(1)
}

fn rawequal(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let (a, b) = (s.check_any(1)?, s.check_any(2)?);
    s.push(Value::Boolean(a.raw_eq(b)));
    Ok(1)
}

fn setmetatable(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let mt = match s.arg(2) {
        Value::Nil => None,
        Value::Table(m) => Some(m),
        _ => return Err(s.type_arg_error(2, "nil or table")),
    };
    if !matches!(s.get_tm(Value::Table(t), Tm::Metatable), Value::Nil) {
        return Err(s.rt_error("cannot change a protected metatable"));
    }
    s.heap.table_mut(t).metatable = mt;
    s.push(Value::Table(t));
    Ok(1)
}

fn getmetatable(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = s.check_any(1)?;
    let r = match s.get_metatable(v) {
        None => Value::Nil,
        Some(mt) => {
            let protected = s.get_tm(v, Tm::Metatable);
            if matches!(protected, Value::Nil) {
                Value::Table(mt)
            } else {
                protected
            }
        }
    };
    s.push(r);
    Ok(1)
}

fn assert(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let v = s.check_any(1)?;
    if !v.truthy() {
        let msg = match s.arg(2) {
            Value::Nil => b"assertion failed!".to_vec(),
            _ => s.check_string(2)?,
        };
        return Err(s.rt_error_bytes(&msg));
    }
    Ok(n)
}

fn error(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = s.arg(1);
    let level = s.opt_number(2, 1.0)? as i64;
    if let (Value::String(m), true) = (v, level > 0) {
        let fi = s.frames.len() as i64 - 1 - level;
        if fi >= 0 {
            let mut msg = s.where_(fi as usize);
            msg.extend_from_slice(s.heap.str(m));
            return Err(LuaError::Runtime(s.str_value(&msg)));
        }
    }
    Err(LuaError::Runtime(v))
}

/// Calls the function at argument slot `first` with the arguments above it,
/// catching Lua errors: returns `Ok(Err(value))` for a caught error.
fn protected_call(
    s: &mut State,
    func: usize,
    nargs: usize,
) -> Result<Result<usize, Value>, LuaError> {
    let level = s.frames.len();
    let depth = s.c_depth;
    match s.call(func, nargs, -1) {
        Ok(()) => Ok(Ok(s.top - func)),
        Err(LuaError::Runtime(v)) => {
            s.close_upvals(func);
            s.frames.truncate(level);
            s.c_depth = depth;
            s.top = func;
            Ok(Err(v))
        }
        Err(e) => Err(e),
    }
}

fn pcall(s: &mut State, n: usize) -> Result<usize, LuaError> {
    s.check_any(1)?;
    let func = s.frames.last().map_or(0, |f| f.base);
    match protected_call(s, func, n - 1)? {
        Ok(nres) => {
            // Our own function slot sits just below; it becomes `true`.
            s.stack[func - 1] = Value::Boolean(true);
            s.top = func + nres;
            Ok(nres + 1)
        }
        Err(v) => {
            s.push(Value::Boolean(false));
            s.push(v);
            Ok(2)
        }
    }
}

fn xpcall(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let handler = s.check_any(2)?;
    let func = s.frames.last().map_or(0, |f| f.base);
    s.top = func + 1;
    match protected_call(s, func, 0)? {
        Ok(nres) => {
            s.stack[func - 1] = Value::Boolean(true);
            s.top = func + nres;
            Ok(nres + 1)
        }
        Err(v) => {
            let r = s.call_value(handler, &[v])?;
            s.push(Value::Boolean(false));
            s.push(r.first().copied().unwrap_or(Value::Nil));
            Ok(2)
        }
    }
}

/// Pushes what load/loadstring return: the function, or nil and the message.
fn load_result(s: &mut State, loaded: Result<Value, Vec<u8>>) -> usize {
    match loaded {
        Ok(f) => {
            s.push(f);
            1
        }
        Err(msg) => {
            s.push(Value::Nil);
            let m = s.str_value(&msg);
            s.push(m);
            2
        }
    }
}

fn loadstring(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let src = s.check_string(1)?;
    let name = match s.arg(2) {
        Value::Nil => src.clone(),
        _ => s.check_string(2)?,
    };
    {
        let loaded = s.load(&src, &name);
        Ok(load_result(s, loaded))
    }
}

fn load(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let f = s.check_any(1)?;
    let name = match s.arg(2) {
        Value::Nil => b"=(load)".to_vec(),
        _ => s.check_string(2)?,
    };
    // lua5.1's lexer pulls pieces as it needs them and stops at the first
    // syntax error, so a reader that never ends can still fail to compile.
    // Compiling again whenever the source has doubled finds such an error
    // with linear total work.
    let mut src = Vec::new();
    let mut tried_at = 0;
    loop {
        let r = s.call_value(f, &[])?;
        match r.first().copied().unwrap_or(Value::Nil) {
            Value::Nil => break,
            Value::String(p) if s.heap.str(p).is_empty() => break,
            Value::String(p) => {
                s.check_alloc(src.len() + s.heap.str(p).len())?;
                src.extend_from_slice(s.heap.str(p));
            }
            _ => return Err(s.rt_error("reader function must return a string")),
        }
        if src.len() >= 2 * tried_at.max(1) {
            tried_at = src.len();
            if let Err(e) = lua_core::compiler::compile(&src, &name) {
                if !e.message.ends_with(b"near '<eof>'") {
                    return Ok(load_result(s, Err(e.message)));
                }
            }
        }
    }
    {
        let loaded = s.load(&src, &name);
        Ok(load_result(s, loaded))
    }
}

fn collectgarbage(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let opt = match s.arg(1) {
        Value::Nil => b"collect".to_vec(),
        _ => s.check_string(1)?,
    };
    let arg = s.opt_number(2, 0.0)? as i64;
    let clamp = |x: i64| x.clamp(0, i64::from(u32::MAX)) as u32;
    let r = match opt.as_slice() {
        b"collect" => {
            s.collect_garbage()?;
            Value::Number(0.0)
        }
        b"count" => Value::Number(s.heap.bytes_used() as f64 / 1024.0),
        b"step" => {
            // Every step completes a cycle: the collector is not incremental.
            s.collect_garbage()?;
            Value::Boolean(true)
        }
        b"stop" => {
            s.gc.stopped = true;
            Value::Number(0.0)
        }
        b"restart" => {
            s.gc.stopped = false;
            Value::Number(0.0)
        }
        b"setpause" => Value::Number(f64::from(std::mem::replace(&mut s.gc.pause, clamp(arg)))),
        b"setstepmul" => Value::Number(f64::from(std::mem::replace(&mut s.gc.stepmul, clamp(arg)))),
        _ => {
            return Err(s.arg_error(
                1,
                &format!("invalid option '{}'", String::from_utf8_lossy(&opt)),
            ))
        }
    };
    s.push(r);
    Ok(1)
}

fn gcinfo(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    s.push(Value::Number((s.heap.bytes_used() >> 10) as f64));
    Ok(1)
}

/// `newproxy([bool|proxy])`: a userdata with no metatable, a fresh one, or
/// the metatable of another proxy. Upvalue 1 is a weak-keyed table of the
/// metatables newproxy made, which tells proxies from other userdata.
fn newproxy(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let Value::Table(made) = s.closure_upvalue(0) else {
        return Err(s.rt_error("newproxy: metatable registry missing"));
    };
    let arg = s.arg(1);
    let metatable = match arg {
        Value::Nil | Value::Boolean(false) => None,
        Value::Boolean(true) => {
            let mt = s.heap.new_table(0, 0);
            // A table key is always valid.
            let _ = s
                .heap
                .table_mut(made)
                .set(Value::Table(mt), Value::Boolean(true));
            Some(mt)
        }
        _ => match s.get_metatable(arg) {
            Some(mt) if s.heap.table(made).get(Value::Table(mt)).truthy() => Some(mt),
            _ => return Err(s.arg_error(1, "boolean or proxy expected")),
        },
    };
    let u = s.heap.new_userdata(metatable);
    s.push(Value::UserData(u));
    Ok(1)
}

fn open_newproxy(s: &mut State) {
    let made = s.heap.new_table(0, 0);
    let mt = s.heap.new_table(0, 1);
    let mode_key = s.str_value(b"__mode");
    let mode = s.str_value(b"k");
    let _ = s.heap.table_mut(mt).set(mode_key, mode);
    s.heap.table_mut(made).metatable = Some(mt);
    let f = s.native_closure(
        "newproxy",
        std::rc::Rc::new(newproxy),
        vec![Value::Table(made)],
    );
    set_global(s, "newproxy", f);
}

/// The function designated by argument 1 of getfenv/setfenv: a function
/// value or a stack level (1 = the caller).
fn env_target(s: &mut State) -> Result<Option<lua_core::value::FuncRef>, LuaError> {
    match s.arg(1) {
        Value::Function(f) => Ok(Some(f)),
        v => {
            let level = match v {
                Value::Nil => 1,
                _ => s.check_int(1)?,
            };
            if level < 0 {
                return Err(s.arg_error(1, "level must be non-negative"));
            }
            if level == 0 {
                return Ok(None);
            }
            let fi = s.frames.len() as i64 - 1 - level;
            if fi < 0 {
                return Err(s.arg_error(1, "invalid level"));
            }
            match s.stack[s.frames[fi as usize].func] {
                Value::Function(f) => Ok(Some(f)),
                _ => Ok(None),
            }
        }
    }
}

fn getfenv(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let env = match env_target(s)? {
        Some(f) => s.heap.function(f).env(),
        None => s.globals,
    };
    s.push(Value::Table(env));
    Ok(1)
}

fn setfenv(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(2)?;
    match env_target(s)? {
        Some(f) => {
            if matches!(s.heap.function(f), Function::Native { .. })
                && !matches!(s.arg(1), Value::Number(_))
            {
                return Err(s.rt_error("'setfenv' cannot change environment of given object"));
            }
            s.heap.function_mut(f).set_env(t);
            s.push(Value::Function(f));
        }
        None => {
            s.globals = t;
            return Ok(0);
        }
    }
    Ok(1)
}
