//! The Lua state scripts run in: Redis's libraries, the globals it removes,
//! read-only tables, the error on reading an undefined global, and the
//! replaced `pcall`.

use std::cell::RefCell;
use std::rc::Rc;

use lua_core::function::{Function, NativeFn};
use lua_core::value::TableRef;
use lua_core::{Lua, LuaError, State, Value};
use lua_stdlib::math::{Rand48, RandomSource};

use crate::convert::get_field;

/// Globals Redis does not offer to scripts.
const REMOVED_GLOBALS: [&str; 9] = [
    "print", "dofile", "loadfile", "setfenv", "getfenv", "newproxy", "require", "module", "package",
];

/// Redis's PRNG (rand.c), one sequence for both engines of a server: EVAL and
/// FCALL draw from it in turn, and SCRIPT FLUSH / FUNCTION FLUSH do not reseed
/// it. It travels with the engines (it is not a thread's), so a server may run
/// them on any thread.
#[derive(Debug, Clone, Default)]
pub struct SharedRand(Rc<RefCell<Rand48>>);

impl RandomSource for SharedRand {
    fn next_fraction(&mut self) -> f64 {
        self.0.borrow_mut().next_fraction()
    }

    fn seed(&mut self, seed: i32) {
        self.0.borrow_mut().seed(seed);
    }
}

/// A fresh Lua state with the libraries a Redis script sees, its `math.random`
/// drawing from `rand`.
pub fn new_state(rand: SharedRand) -> Lua {
    let mut lua = Lua::new();
    // Redis's Lua hashes every byte of a string (no sampling of long ones).
    lua.state.heap.full_hash = true;
    lua_stdlib::open_sandbox_libs(&mut lua.state);
    lua_stdlib::open_redis_libs(&mut lua.state);
    lua_stdlib::math::open_with(&mut lua.state, Box::new(rand));
    for name in REMOVED_GLOBALS {
        lua.set_global(name, Value::Nil);
    }
    wrap_native(&mut lua, "pcall", pcall_keeping_err);
    wrap_native(&mut lua, "rawset", refusing_readonly);
    wrap_native(&mut lua, "setmetatable", refusing_readonly);
    lua
}

/// Replaces the native global `name` by `wrapper`, which gets the original
/// to run in its own frame (so argument errors still name `name`).
fn wrap_native(
    lua: &mut Lua,
    name: &'static str,
    wrapper: fn(&mut State, usize, NativeFn) -> Result<usize, LuaError>,
) {
    let Value::Function(f) = lua.get_global(name) else {
        return;
    };
    let Function::Native { f: original, .. } = lua.state.heap.function(f) else {
        return;
    };
    let original = *original;
    let wrapped = lua.state.native_closure(
        name,
        Rc::new(move |s: &mut State, n: usize| wrapper(s, n, original)),
        Vec::new(),
    );
    lua.set_global(name, wrapped);
}

/// The global `pcall` of scripts: as Lua's, but a raised Redis error table
/// (`{err=...}`) comes back as its `err` string.
fn pcall_keeping_err(s: &mut State, nargs: usize, pcall: NativeFn) -> Result<usize, LuaError> {
    if nargs == 0 {
        // Redis calls its `true` placeholder when given nothing to call.
        let msg = s.str_value(b"attempt to call a boolean value");
        s.push(Value::Boolean(false));
        s.push(msg);
        return Ok(2);
    }
    let n = pcall(s, nargs)?;
    let first = s.top - n;
    if n == 2 && matches!(s.stack[first], Value::Boolean(false)) {
        if let Value::Table(t) = s.stack[first + 1] {
            let err = get_field(s, t, "err");
            if matches!(err, Value::String(_)) {
                s.stack[first + 1] = err;
            }
        }
    }
    Ok(n)
}

/// `rawset` and `setmetatable` refusing read-only tables, as Redis's
/// `lua_rawset` and `lua_setmetatable` do.
fn refusing_readonly(s: &mut State, nargs: usize, original: NativeFn) -> Result<usize, LuaError> {
    if let Value::Table(t) = s.arg(1) {
        if s.heap.table(t).readonly {
            // Raised from C in Redis: no position.
            let v = s.str_value(b"Attempt to modify a readonly table");
            return Err(LuaError::Runtime(v));
        }
    }
    original(s, nargs)
}

/// Sets the metatable of `t` to one whose `__index` raises Redis's error for
/// reading an undefined global.
pub fn set_error_metatable(s: &mut State, t: TableRef) {
    let mt = s.heap.new_table(0, 1);
    let f = s.native("__index", nonexistent_global as NativeFn);
    let k = s.str_value(b"__index");
    let _ = s.heap.table_mut(mt).set(k, f);
    s.heap.table_mut(t).metatable = Some(mt);
}

fn nonexistent_global(s: &mut State, _nargs: usize) -> Result<usize, LuaError> {
    let name = match s.arg(2) {
        v @ (Value::String(_) | Value::Number(_)) => s.raw_tostring(v),
        _ => {
            return Err(
                s.rt_error("Second argument to luaProtectedTableError must be a string or number")
            )
        }
    };
    let mut msg = b"Script attempted to access nonexistent global variable '".to_vec();
    msg.extend_from_slice(&name);
    msg.push(b'\'');
    Err(s.rt_error_bytes(&msg))
}

/// Marks `t`, every table reachable from it through values and metatables,
/// and the string metatable read-only (luaSetTableProtectionRecursively).
pub fn protect_recursively(s: &mut State, t: TableRef) {
    let mut pending = vec![t];
    if let Some(mt) = s.string_mt {
        pending.push(mt);
    }
    while let Some(t) = pending.pop() {
        let tab = s.heap.table_mut(t);
        if tab.readonly {
            continue;
        }
        tab.readonly = true;
        if let Some(mt) = tab.metatable {
            pending.push(mt);
        }
        let mut key = Value::Nil;
        while let Ok(Some((k, v))) = s.heap.table(t).next(key) {
            for x in [k, v] {
                if let Value::Table(inner) = x {
                    pending.push(inner);
                }
            }
            key = k;
        }
    }
}

/// Sets the global named `k` (a string) while lifting the globals' protection
/// for the store (how Redis sets KEYS and ARGV before each run).
pub fn set_protected_global(s: &mut State, k: Value, v: Value) {
    let g = s.globals;
    let was = s.heap.table(g).readonly;
    s.heap.table_mut(g).readonly = false;
    let _ = s.heap.table_mut(g).set(k, v);
    s.heap.table_mut(g).readonly = was;
}
