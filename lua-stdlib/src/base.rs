//! The base library (lbaselib.c): print, type, pairs, pcall, error, ...

use lua_core::api::CallMark;
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
    // lua5.1 converts through whatever the global `tostring` is.
    let key = s.str_value(b"tostring");
    let tostring = s.index(Value::Table(s.globals), key, None)?;
    let mut line = Vec::new();
    for i in 1..=n {
        if i > 1 {
            line.push(b'\t');
        }
        let at = s.top;
        s.push(tostring);
        s.push(s.arg(i));
        s.call(at, 1, 1)?;
        s.top = at;
        let t = match s.stack[at] {
            Value::String(r) => s.heap.str(r).to_vec(),
            Value::Number(x) => lua_core::number::fmt_number(x).into_bytes(),
            _ => return Err(s.rt_error("'tostring' must return a string to 'print'")),
        };
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
    // A `__tostring` result is returned as it is, string or not (5.1).
    let tm = s.get_tm(v, Tm::Tostring);
    let r = if matches!(tm, Value::Nil) {
        let t = s.raw_tostring(v);
        s.str_value(&t)
    } else {
        s.call_tm(tm, v, Value::Nil)?
    };
    s.push(r);
    Ok(1)
}

fn tonumber(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let base = i64::from(s.opt_c_int(2, 10)?);
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

/// `tonumber(text, base)` as lua5.1 does it with C's `strtoul`: leading
/// space, a sign (a minus wraps around as unsigned), `0x` in base 16, at
/// least one digit (overflow gives `ULONG_MAX`), then only trailing space.
fn parse_base(text: &[u8], base: u32) -> Option<f64> {
    let text = &text[..text.iter().position(|&c| c == 0).unwrap_or(text.len())];
    let is_space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut rest = &text[text.iter().take_while(|c| is_space(c)).count()..];
    let neg = rest.first() == Some(&b'-');
    if matches!(rest.first(), Some(b'-' | b'+')) {
        rest = &rest[1..];
    }
    if base == 16
        && rest.len() > 2
        && rest[0] == b'0'
        && rest[1].eq_ignore_ascii_case(&b'x')
        && rest[2].is_ascii_hexdigit()
    {
        rest = &rest[2..];
    }
    let digits = rest
        .iter()
        .take_while(|&&c| (c as char).is_digit(base))
        .count();
    if digits == 0 || !rest[digits..].iter().all(is_space) {
        return None;
    }
    let mut n: u64 = 0;
    let mut overflow = false;
    for &c in &rest[..digits] {
        let d = u64::from((c as char).to_digit(base)?);
        match n
            .checked_mul(u64::from(base))
            .and_then(|m| m.checked_add(d))
        {
            Some(m) => n = m,
            None => overflow = true,
        }
    }
    let n = if overflow {
        u64::MAX
    } else if neg {
        n.wrapping_neg()
    } else {
        n
    };
    Some(n as f64)
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
        Err(_) => Err(s.vm_error("invalid key to 'next'")),
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
        if s.heap.str(k).first() == Some(&b'#') {
            s.push(Value::Number((n - 1) as f64));
            return Ok(1);
        }
    }
    let i = i64::from(s.check_c_int(1)?);
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
    // The selected arguments are already the top of the stack: they are
    // the results as they stand.
    Ok(n.saturating_sub(first as usize))
}

fn unpack(s: &mut State, nargs: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let i = s.opt_number(2, 1.0)? as i64;
    let j = match s.arg(3) {
        Value::Nil => s.heap.table(t).len() as i64,
        _ => s.check_int(3)?,
    };
    if i > j {
        return Ok(0);
    }
    // lua_checkstack: a C function's slots, its arguments included, stay
    // within LUAI_MAXCSTACK.
    if (j - i + 1).saturating_add(nargs as i64) > crate::libtable::MAX_C_STACK as i64 {
        return Err(s.rt_error("too many results to unpack"));
    }
    let count = (j - i + 1) as usize;
    let at = s.top;
    s.ensure_stack(at + count + 1);
    let tab = s.heap.table(t);
    for (slot, k) in s.stack[at..at + count].iter_mut().zip(i..=j) {
        *slot = tab.get_int(k);
    }
    s.top = at + count;
    Ok(count)
}

fn rawget(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    s.check_any(2)?;
    let v = s.heap.table(t).get(s.arg(2));
    s.push(v);
    Ok(1)
}

fn rawset(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let k = s.check_any(2)?;
    let v = s.check_any(3)?;
    if let Err(e) = s.heap.table_mut(t).set(k, v) {
        return Err(s.vm_error(e.message()));
    }
    s.push(Value::Table(t));
    Ok(1)
}

fn rawequal(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let (a, b) = (s.check_any(1)?, s.check_any(2)?);
    s.push(Value::Boolean(a.raw_eq(b)));
    Ok(1)
}

fn setmetatable(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let t = s.check_table(1)?;
    let mt = match s.arg(2) {
        Value::Nil if n >= 2 => None,
        Value::Table(m) => Some(m),
        _ => return Err(s.arg_error(2, "nil or table expected")),
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
    let level = i64::from(s.opt_c_int(2, 1)?);
    // Numbers are strings to lua_isstring: they get the position too.
    if matches!(v, Value::String(_) | Value::Number(_)) && level > 0 {
        let fi = s.frames.len() as i64 - 1 - level;
        if fi >= 0 {
            let mut msg = s.where_(fi as usize);
            msg.extend_from_slice(&s.raw_tostring(v));
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
    let mark = CallMark::new(s);
    match s.call(func, nargs, -1) {
        Ok(()) => Ok(Ok(s.top - func)),
        Err(LuaError::Runtime(v)) => {
            mark.unwind(s, func);
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
    let mark = CallMark::new(s);
    match s.call(func, 0, -1) {
        Ok(()) => {
            let nres = s.top - func;
            s.stack[func - 1] = Value::Boolean(true);
            s.top = func + nres;
            Ok(nres + 1)
        }
        Err(LuaError::Runtime(v)) => {
            // As in lua5.1 the handler runs where the error happened, with
            // the failing frames still in place for a traceback to see.
            s.top = s.stack_extent();
            let handled = match s.call_value(handler, &[v]) {
                Ok(r) => r.first().copied().unwrap_or(Value::Nil),
                Err(LuaError::Runtime(_)) => s.str_value(b"error in error handling"),
                Err(e) => return Err(e),
            };
            mark.unwind(s, func);
            s.push(Value::Boolean(false));
            s.push(handled);
            Ok(2)
        }
        Err(e) => Err(e),
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
        let loaded = crate::chunk::load(s, &src, &name);
        Ok(load_result(s, loaded))
    }
}

fn load(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let name = match s.arg(2) {
        Value::Nil => b"=(load)".to_vec(),
        _ => s.check_string(2)?,
    };
    let f = match s.arg(1) {
        f @ Value::Function(_) => f,
        _ => return Err(s.type_arg_error(1, "function")),
    };
    // lua_load reads in protected mode: an error of the reader is returned.
    let (mark, top) = (CallMark::new(s), s.top);
    match read_chunk(s, f, &name) {
        Ok(n) => Ok(n),
        Err(LuaError::Runtime(v)) => {
            mark.unwind(s, top);
            s.push(Value::Nil);
            s.push(v);
            Ok(2)
        }
        Err(e) => Err(e),
    }
}

/// The body of `load`: calls the reader until it returns nil or "", then
/// compiles what it gave.
fn read_chunk(s: &mut State, f: Value, name: &[u8]) -> Result<usize, LuaError> {
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
            Value::Number(x) => src.extend_from_slice(lua_core::number::fmt_number(x).as_bytes()),
            _ => {
                let m = s.str_value(b"reader function must return a string");
                return Err(LuaError::Runtime(m));
            }
        }
        // (Binary chunks are only complete at the end.)
        if src.len() >= 2 * tried_at.max(1) && !src.starts_with(&crate::chunk::SIGNATURE[..1]) {
            tried_at = src.len();
            if let Err(e) = lua_core::compiler::compile(&src, name) {
                if !e.message.ends_with(b"near '<eof>'") {
                    return Ok(load_result(s, Err(e.message)));
                }
            }
        }
    }
    {
        let loaded = crate::chunk::load(s, &src, name);
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
