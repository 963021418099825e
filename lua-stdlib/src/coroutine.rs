//! The coroutine library (lbaselib.c's co* functions): create, resume,
//! yield, status, running, wrap. The machinery is lua-core's
//! [`State::resume`] and [`State::yield_thread`].

use std::rc::Rc;

use lua_core::coroutine::Resumed;
use lua_core::function::Function;
use lua_core::{LuaError, State, Value};

/// Registers the `coroutine` table into the globals.
pub fn open(s: &mut State) {
    let fns: &[(&'static str, lua_core::function::NativeFn)] = &[
        ("create", create),
        ("resume", resume),
        ("yield", yield_),
        ("status", status),
        ("running", running),
        ("wrap", wrap),
    ];
    let t = s.heap.new_table(0, fns.len());
    for &(name, f) in fns {
        let k = s.str_value(name.as_bytes());
        let v = s.native(name, f);
        // String keys are always valid.
        let _ = s.heap.table_mut(t).set(k, v);
    }
    let k = s.str_value(b"coroutine");
    let g = s.globals;
    let _ = s.heap.table_mut(g).set(k, Value::Table(t));
}

fn check_thread(s: &mut State, n: usize) -> Result<u32, LuaError> {
    match s.arg(n) {
        Value::Thread(t) => Ok(t),
        _ => Err(s.arg_error(n, "coroutine expected")),
    }
}

fn create(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let f = s.arg(1);
    let is_lua =
        matches!(f, Value::Function(r) if matches!(s.heap.function(r), Function::Lua { .. }));
    if !is_lua {
        return Err(s.arg_error(1, "Lua function expected"));
    }
    let co = s.new_thread(f);
    s.push(co);
    Ok(1)
}

fn resume(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let co = check_thread(s, 1)?;
    // The arguments after the coroutine sit just below `true`, which the
    // results follow.
    let first = s.top - n.saturating_sub(1);
    s.push(Value::Boolean(true));
    match s.resume(co, first, n.saturating_sub(1))? {
        Resumed::Values(count) => Ok(count + 1),
        Resumed::Error(e) => {
            s.top -= 1;
            s.push(Value::Boolean(false));
            s.push(e);
            Ok(2)
        }
    }
}

fn yield_(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    Err(s.yield_thread())
}

fn status(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let co = check_thread(s, 1)?;
    let name = s.thread_status(co).name();
    let v = s.str_value(name.as_bytes());
    s.push(v);
    Ok(1)
}

fn running(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let v = if s.current_thread == lua_core::coroutine::MAIN_THREAD {
        Value::Nil
    } else {
        Value::Thread(s.current_thread)
    };
    s.push(v);
    Ok(1)
}

fn wrap(s: &mut State, n: usize) -> Result<usize, LuaError> {
    create(s, n)?;
    let co = s.stack[s.top - 1];
    s.top -= 1;
    let f = s.native_closure("wrap", Rc::new(resume_wrapped), vec![co]);
    s.push(f);
    Ok(1)
}

/// The function `coroutine.wrap` returns: resumes its coroutine and passes
/// errors on, a string error prefixed with the caller's position.
fn resume_wrapped(s: &mut State, n: usize) -> Result<usize, LuaError> {
    let Value::Thread(co) = s.closure_upvalue(0) else {
        return Err(s.rt_error("wrapped coroutine lost"));
    };
    let first = s.top - n;
    match s.resume(co, first, n)? {
        Resumed::Values(count) => Ok(count),
        Resumed::Error(e @ (Value::String(_) | Value::Number(_))) => {
            let msg = s.raw_tostring(e);
            Err(s.rt_error_bytes(&msg))
        }
        Resumed::Error(e) => Err(LuaError::Runtime(e)),
    }
}
