//! The bytecode interpreter (lvm.c/ldo.c of Lua 5.1): calls, metamethods,
//! and the dispatch loop. Lua-to-Lua calls and returns reuse the loop
//! instead of recursing in Rust.

use std::rc::Rc;

use crate::function::{Function, LoadedProto, UpvalCells};
use crate::hook::{MASK_COUNT, MASK_LINE};
use crate::number::write_number;
use crate::opcode::{
    fb_to_int, get_a, get_b, get_bx, get_c, get_op, get_sbx, index_k, is_k, OpCode,
    LFIELDS_PER_FLUSH,
};
use crate::state::{CallFrame, LuaError, State, Tm, MAX_C_CALLS, MAX_FRAMES};
use crate::value::{FuncRef, Value};

/// Limit of `__index`/`__newindex` chains (MAXTAGLOOP).
const MAX_TAG_LOOP: usize = 100;

/// Registers an instruction can address (8-bit A, 9-bit B/C below the
/// constant bit). Every Lua frame's stack holds all of them, so a frame's
/// register window is a fixed-size array whose indexing needs no checks.
const REGISTERS: usize = 256;

/// The register window of the frame at `base`.
#[inline(always)]
fn registers(stack: &mut [Value], base: usize) -> Option<&mut [Value; REGISTERS]> {
    stack.get_mut(base..base + REGISTERS)?.try_into().ok()
}

/// What the dispatch loop runs a Lua frame with: its prototype, base, pc
/// and closure.
type RunningFrame = (Rc<LoadedProto>, usize, usize, FuncRef);

/// Applies an arithmetic event to two numbers.
#[inline]
pub fn arith_op(tm: Tm, a: f64, b: f64) -> f64 {
    match tm {
        Tm::Add => a + b,
        Tm::Sub => a - b,
        Tm::Mul => a * b,
        Tm::Div => a / b,
        Tm::Mod => a - floor(a / b) * b,
        Tm::Pow => a.powf(b),
        _ => -a,
    }
}

/// `x.floor()` without a call: on x86-64 without SSE4.1 `f64::floor` is a
/// library routine of about 20 instructions, and `%` runs it every time.
/// Exact: below 2^52 the truncation to an integer is, and larger numbers,
/// infinities and NaN are their own floor.
#[inline(always)]
fn floor(x: f64) -> f64 {
    if x.abs() < 4_503_599_627_370_496.0 {
        // copysign keeps -0.0 (and makes -0.5 truncate to -0.0, then -1).
        let t = (x as i64 as f64).copysign(x);
        if t > x {
            t - 1.0
        } else {
            t
        }
    } else {
        x
    }
}

impl State {
    /// Calls `f(a, b)` keeping one result (metamethod calls).
    #[inline(never)]
    pub fn call_tm(&mut self, f: Value, a: Value, b: Value) -> Result<Value, LuaError> {
        let at = self.top;
        self.ensure_stack(at + 3);
        self.stack[at] = f;
        self.stack[at + 1] = a;
        self.stack[at + 2] = b;
        self.top = at + 3;
        self.call(at, 2, 1)?;
        self.top = at;
        Ok(self.stack[at])
    }

    /// Calls `stack[func]` with the `nargs` values above it; results land at
    /// `func..` (all of them when `nresults` is -1, then `top` marks the end).
    pub fn call(&mut self, func: usize, nargs: usize, nresults: i32) -> Result<(), LuaError> {
        // luaD_call: `++nCcalls >= LUAI_MAXCCALLS`, the count with this call.
        if self.c_depth + 1 >= MAX_C_CALLS {
            return Err(self.vm_error("C stack overflow"));
        }
        self.c_depth += 1;
        let lua_frame = if self.push_lua_frame(func, nargs, nresults) {
            Ok(true)
        } else {
            self.precall(func, nargs, nresults)
        };
        let r = match lua_frame {
            Ok(true) => {
                if let Some(f) = self.frames.last_mut() {
                    f.fresh = true;
                }
                self.execute()
            }
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        };
        self.c_depth -= 1;
        r
    }

    /// Calls a value with arguments, returning all results.
    pub fn call_value(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, LuaError> {
        let at = self.push_call(f, args);
        self.call(at, args.len(), -1)?;
        let out = self.stack[at..self.top].to_vec();
        self.top = at;
        Ok(out)
    }

    /// Calls a value with arguments for its first result only (nil when it returns
    /// none), as `lua_pcall(L, n, 1)` does: nothing is allocated for the results.
    pub fn call_value_first(&mut self, f: Value, args: &[Value]) -> Result<Value, LuaError> {
        let at = self.push_call(f, args);
        self.call(at, args.len(), 1)?;
        let first = self.stack[at];
        self.top = at;
        Ok(first)
    }

    /// Pushes `f` and `args` for a call; returns where `f` went.
    fn push_call(&mut self, f: Value, args: &[Value]) -> usize {
        let at = self.top;
        self.ensure_stack(at + args.len() + 1);
        self.stack[at] = f;
        self.stack[at + 1..at + 1 + args.len()].copy_from_slice(args);
        self.top = at + 1 + args.len();
        at
    }

    /// Starts a call: pushes a frame for Lua functions (returns true) or runs
    /// a native function to completion (returns false).
    #[inline(never)]
    pub fn precall(&mut self, func: usize, nargs: usize, nresults: i32) -> Result<bool, LuaError> {
        let fv = self.stack[func];
        let Value::Function(fr) = fv else {
            let tm = self.get_tm(fv, Tm::Call);
            if !matches!(tm, Value::Function(_)) {
                return Err(self.type_error(fv, "call", Some(func)));
            }
            self.ensure_stack(func + nargs + 2);
            self.stack.copy_within(func..func + 1 + nargs, func + 1);
            self.stack[func] = tm;
            return self.precall(func, nargs + 1, nresults);
        };
        if self.frames.len() >= MAX_FRAMES {
            return Err(self.rt_error("stack overflow"));
        }
        match self.heap.function(fr) {
            Function::Lua { proto, .. } => {
                let (np, max, is_vararg) = (proto.num_params, proto.max_stack, proto.is_vararg);
                let base = if is_vararg {
                    let base = func + 1 + nargs;
                    self.ensure_stack(base + REGISTERS + 1);
                    for i in 0..np {
                        if i < nargs {
                            self.stack[base + i] = self.stack[func + 1 + i];
                            self.stack[func + 1 + i] = Value::Nil;
                        } else {
                            self.stack[base + i] = Value::Nil;
                        }
                    }
                    base
                } else {
                    let base = func + 1;
                    self.ensure_stack(base + REGISTERS + 1);
                    base
                };
                // Registers start nil: the compiler omits the initial LOADNIL.
                let from = if is_vararg { np } else { nargs.min(np) };
                self.stack[base + from..base + max].fill(Value::Nil);
                self.top = base + max;
                self.push_frame(func, base, nresults, nargs);
                Ok(true)
            }
            Function::Native { f, .. } => {
                let f = *f;
                self.begin_native(func, nargs, nresults);
                if self.debug_hook.mask != 0 {
                    return self.run_native_hooked(&f, nargs);
                }
                let n = f(self, nargs)?;
                if self.debug_hook.mask != 0 {
                    return self.finish_native_hooked(n);
                }
                self.poscall(self.top - n, n);
                Ok(false)
            }
            Function::Closure { f, .. } => {
                let f = f.clone();
                self.begin_native(func, nargs, nresults);
                if self.debug_hook.mask != 0 {
                    return self.run_native_hooked(&*f, nargs);
                }
                let n = f(self, nargs)?;
                if self.debug_hook.mask != 0 {
                    return self.finish_native_hooked(n);
                }
                self.poscall(self.top - n, n);
                Ok(false)
            }
        }
    }

    /// The fast path of [`State::precall`] for the common case, a Lua
    /// function with fixed parameters: pushes its frame and returns true, or
    /// returns false and leaves everything to `precall`.
    #[inline(always)]
    fn push_lua_frame(&mut self, func: usize, nargs: usize, nresults: i32) -> bool {
        self.enter_lua(func, nargs, nresults, |_, _| ()).is_some()
    }

    /// [`State::push_lua_frame`] returning what `keep` takes from the
    /// closure and its prototype (the dispatch loop runs the frame with
    /// them).
    #[inline(always)]
    fn enter_lua<R>(
        &mut self,
        func: usize,
        nargs: usize,
        nresults: i32,
        keep: impl FnOnce(FuncRef, &Rc<LoadedProto>) -> R,
    ) -> Option<R> {
        let Value::Function(fr) = self.stack[func] else {
            return None;
        };
        let Function::Lua { proto, .. } = self.heap.function(fr) else {
            return None;
        };
        if proto.is_vararg || self.frames.len() >= MAX_FRAMES {
            return None;
        }
        let (np, max) = (proto.num_params, proto.max_stack);
        let kept = keep(fr, proto);
        let base = func + 1;
        self.ensure_stack(base + REGISTERS + 1);
        if let Some(regs) = self.stack.get_mut(base + nargs.min(np)..base + max) {
            regs.fill(Value::Nil);
        }
        self.top = base + max;
        self.push_frame(func, base, nresults, nargs);
        Some(kept)
    }

    /// The frame on top as the dispatch loop runs it: prototype, base, pc
    /// and closure; `None` for a native frame.
    #[inline(always)]
    fn running_lua_frame(&mut self) -> Result<Option<RunningFrame>, LuaError> {
        let Some(frame) = self.frames.last() else {
            return Ok(None);
        };
        let Some(proto) = frame.proto(&self.heap, &self.stack).cloned() else {
            return Ok(None);
        };
        let (base, pc) = (frame.base, frame.pc);
        let cl = self.frame_closure(frame.func)?;
        Ok(Some((proto, base, pc, cl)))
    }

    /// The closure a Lua frame runs, from its function slot.
    #[inline(always)]
    fn frame_closure(&mut self, func: usize) -> Result<FuncRef, LuaError> {
        match self.stack[func] {
            Value::Function(cl) => Ok(cl),
            _ => Err(self.rt_error("bad frame")),
        }
    }

    /// Pushes a call frame (built in place: the frame holds nothing to
    /// drop, and its fields are stored one by one).
    #[inline]
    fn push_frame(&mut self, func: usize, base: usize, nresults: i32, nargs: usize) {
        self.frames.push(CallFrame {
            func,
            base,
            pc: 0,
            nresults,
            nargs,
            fresh: false,
            tail_calls: 0,
        });
    }

    fn begin_native(&mut self, func: usize, nargs: usize, nresults: i32) {
        self.push_frame(func, func + 1, nresults, nargs);
        self.top = func + 1 + nargs;
        self.ensure_stack(self.top + 20);
    }

    /// Finishes a call: moves `n` results from `first` to the function's
    /// slot, adjusted to the wanted count, and pops the frame.
    #[inline(always)]
    pub fn poscall(&mut self, first: usize, n: usize) {
        let Some((func, wanted, _)) = self.pop_frame() else {
            return;
        };
        self.move_results(func, first, n, wanted);
    }

    /// Pops the running frame, returning its function slot, wanted result
    /// count and `fresh` flag. Fields are read in place: moving the whole
    /// frame out would reload, in wide chunks, words that were stored one
    /// by one a few instructions earlier, which stalls the CPU.
    #[inline(always)]
    fn pop_frame(&mut self) -> Option<(usize, i32, bool)> {
        let fr = self.frames.last()?;
        let out = (fr.func, fr.nresults, fr.fresh);
        self.frames.truncate(self.frames.len() - 1);
        Some(out)
    }

    /// Moves `n` results from `first` down to `res`, adjusted to `wanted`
    /// (-1: all), and sets `top` after them.
    #[inline]
    fn move_results(&mut self, res: usize, first: usize, n: usize, wanted: i32) {
        if (wanted == 1 && n >= 1) || (wanted < 0 && n == 1) {
            self.stack[res] = self.stack[first];
            self.top = res + 1;
            return;
        }
        if wanted == 0 {
            self.top = res;
            return;
        }
        self.move_results_general(res, first, n, wanted);
    }

    /// [`State::move_results`] for any counts.
    #[inline(never)]
    fn move_results_general(&mut self, res: usize, first: usize, n: usize, wanted: i32) {
        let wanted = if wanted < 0 { n } else { wanted as usize };
        self.ensure_stack(res + wanted + 1);
        let moved = n.min(wanted);
        // One result is the common case: skip the memmove call.
        if moved == 1 {
            self.stack[res] = self.stack[first];
        } else {
            self.stack.copy_within(first..first + moved, res);
        }
        if let Some(rest) = self.stack.get_mut(res + moved..res + wanted) {
            rest.fill(Value::Nil);
        }
        self.top = res + wanted;
    }
}

impl State {
    /// `v[key]` with `__index` (luaV_gettable); `idx` is `v`'s stack slot
    /// when known, for the error's variable name.
    #[inline(never)]
    pub fn index(
        &mut self,
        mut v: Value,
        key: Value,
        mut idx: Option<usize>,
    ) -> Result<Value, LuaError> {
        for _ in 0..MAX_TAG_LOOP {
            let tm = if let Value::Table(t) = v {
                let tab = self.heap.table(t);
                let r = tab.get(key);
                if !matches!(r, Value::Nil) {
                    return Ok(r);
                }
                match tab.metatable {
                    None => return Ok(Value::Nil),
                    Some(mt) => {
                        let tm = self.heap.table(mt).get(self.tm_name(Tm::Index));
                        if matches!(tm, Value::Nil) {
                            return Ok(Value::Nil);
                        }
                        tm
                    }
                }
            } else {
                let tm = self.get_tm(v, Tm::Index);
                if matches!(tm, Value::Nil) {
                    return Err(self.type_error(v, "index", idx));
                }
                tm
            };
            if let Value::Function(_) = tm {
                return self.call_tm(tm, v, key);
            }
            v = tm;
            idx = None;
        }
        Err(self.rt_error("loop in gettable"))
    }

    /// `v[key]` for the common cases of method lookup, without calls: a
    /// table's own field, or one found through an `__index` table (a
    /// string's methods are found through the string metatable's). `None`
    /// when [`State::index`] must decide.
    #[inline]
    fn method_fast(&self, v: Value, key: Value) -> Option<Value> {
        let mt = match v {
            Value::Table(t) => {
                let tab = self.heap.table(t);
                let found = tab.get(key);
                if !matches!(found, Value::Nil) {
                    return Some(found);
                }
                let Some(mt) = tab.metatable else {
                    return Some(Value::Nil);
                };
                mt
            }
            Value::String(_) => self.string_mt?,
            _ => return None,
        };
        match self
            .heap
            .table(mt)
            .get_str(self.tm_names[Tm::Index as usize])
        {
            // A table without `__index` has no such field; a string
            // without it cannot be indexed, which `index` reports.
            Value::Nil if matches!(v, Value::Table(_)) => Some(Value::Nil),
            Value::Table(h) => {
                let found = self.heap.table(h).get(key);
                (!matches!(found, Value::Nil)).then_some(found)
            }
            _ => None,
        }
    }

    /// `v[key] = val` with `__newindex` (luaV_settable).
    #[inline(never)]
    pub fn set_index(
        &mut self,
        mut v: Value,
        key: Value,
        val: Value,
        mut idx: Option<usize>,
    ) -> Result<(), LuaError> {
        for _ in 0..MAX_TAG_LOOP {
            let tm = if let Value::Table(t) = v {
                let tab = self.heap.table(t);
                if tab.readonly {
                    return Err(self.rt_error("Attempt to modify a readonly table"));
                }
                let tm = match tab.metatable {
                    Some(mt) if matches!(tab.get(key), Value::Nil) => {
                        self.heap.table(mt).get(self.tm_name(Tm::NewIndex))
                    }
                    _ => Value::Nil,
                };
                if matches!(tm, Value::Nil) {
                    return match self.heap.table_mut(t).set(key, val) {
                        Ok(()) => Ok(()),
                        Err(e) => Err(self.rt_error(e.message())),
                    };
                }
                tm
            } else {
                let tm = self.get_tm(v, Tm::NewIndex);
                if matches!(tm, Value::Nil) {
                    return Err(self.type_error(v, "index", idx));
                }
                tm
            };
            if let Value::Function(_) = tm {
                let at = self.top;
                self.ensure_stack(at + 4);
                self.stack[at..at + 4].copy_from_slice(&[tm, v, key, val]);
                self.top = at + 4;
                self.call(at, 3, 0)?;
                self.top = at;
                return Ok(());
            }
            v = tm;
            idx = None;
        }
        Err(self.rt_error("loop in settable"))
    }

    /// Arithmetic with coercion and metamethods (luaV_arith).
    #[inline(never)]
    pub fn arith(
        &mut self,
        tm: Tm,
        a: Value,
        b: Value,
        ia: Option<usize>,
        ib: Option<usize>,
    ) -> Result<Value, LuaError> {
        if let (Some(x), Some(y)) = (self.to_number(a), self.to_number(b)) {
            return Ok(Value::Number(arith_op(tm, x, y)));
        }
        let mut f = self.get_tm(a, tm);
        if matches!(f, Value::Nil) {
            f = self.get_tm(b, tm);
        }
        if matches!(f, Value::Nil) {
            return Err(if self.to_number(a).is_none() {
                self.type_error(a, "perform arithmetic on", ia)
            } else {
                self.type_error(b, "perform arithmetic on", ib)
            });
        }
        self.call_tm(f, a, b)
    }

    /// The shared comparison metamethod of two values, if any.
    fn comp_tm(&self, a: Value, b: Value, tm: Tm) -> Value {
        let t1 = self.get_tm(a, tm);
        if matches!(t1, Value::Nil) {
            return Value::Nil;
        }
        let t2 = self.get_tm(b, tm);
        if t1.raw_eq(t2) {
            t1
        } else {
            Value::Nil
        }
    }

    /// `a == b` with `__eq`.
    #[inline(never)]
    pub fn equals(&mut self, a: Value, b: Value) -> Result<bool, LuaError> {
        if a.raw_eq(b) {
            return Ok(true);
        }
        let tm = match (a, b) {
            (Value::Table(_), Value::Table(_)) | (Value::UserData(_), Value::UserData(_)) => {
                self.comp_tm(a, b, Tm::Eq)
            }
            _ => return Ok(false),
        };
        if matches!(tm, Value::Nil) {
            return Ok(false);
        }
        Ok(self.call_tm(tm, a, b)?.truthy())
    }

    /// `a < b` (`le` false) or `a <= b` (`le` true) with metamethods.
    #[inline(never)]
    pub fn less(&mut self, a: Value, b: Value, le: bool) -> Result<bool, LuaError> {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => return Ok(if le { x <= y } else { x < y }),
            (Value::String(x), Value::String(y)) => {
                let o = self.heap.str(x).cmp(self.heap.str(y));
                return Ok(if le { o.is_le() } else { o.is_lt() });
            }
            _ => {}
        }
        if a.type_name() == b.type_name() {
            let tm = self.comp_tm(a, b, if le { Tm::Le } else { Tm::Lt });
            if !matches!(tm, Value::Nil) {
                return Ok(self.call_tm(tm, a, b)?.truthy());
            }
            if le {
                // `a <= b` falls back to `not (b < a)`, as in Lua 5.1.
                let tm = self.comp_tm(b, a, Tm::Lt);
                if !matches!(tm, Value::Nil) {
                    return Ok(!self.call_tm(tm, b, a)?.truthy());
                }
            }
        }
        Err(self.order_error(a, b))
    }

    /// Concatenates stack slots `first..=last` into `stack[first]`
    /// (luaV_concat, right to left, with `__concat`).
    #[inline(never)]
    pub fn concat(&mut self, first: usize, last: usize) -> Result<(), LuaError> {
        let mut last = last;
        let mut buf = Vec::new();
        while last > first {
            let (a, b) = (self.stack[last - 1], self.stack[last]);
            let strish = |v: Value| matches!(v, Value::String(_) | Value::Number(_));
            if !strish(a) || !strish(b) {
                let mut tm = self.get_tm(a, Tm::Concat);
                if matches!(tm, Value::Nil) {
                    tm = self.get_tm(b, Tm::Concat);
                }
                if matches!(tm, Value::Nil) {
                    let (bad, at) = if strish(a) { (b, last) } else { (a, last - 1) };
                    return Err(self.type_error(bad, "concatenate", Some(at)));
                }
                let saved = self.top;
                self.top = self.top.max(last + 1);
                let r = self.call_tm(tm, a, b)?;
                self.top = saved;
                self.stack[last - 1] = r;
                last -= 1;
                continue;
            }
            // Gather the longest run of strings/numbers ending at `last`.
            let mut n = 1;
            while last - n >= first && strish(self.stack[last - n]) {
                n += 1;
                if last + 1 == n + first {
                    break;
                }
            }
            let start = last + 1 - n;
            let total: usize = (start..=last)
                .map(|i| match self.stack[i] {
                    Value::String(s) => self.heap.str(s).len(),
                    // A number prints in at most 24 bytes (%.14g).
                    _ => 24,
                })
                .sum();
            self.check_alloc(total)?;
            buf.clear();
            for i in start..=last {
                match self.stack[i] {
                    Value::String(s) => buf.extend_from_slice(self.heap.str(s)),
                    Value::Number(x) => write_number(&mut buf, x),
                    _ => {}
                }
            }
            self.stack[start] = self.heap.str_value(&buf);
            last = start;
        }
        Ok(())
    }
}

impl State {
    /// How many values lie from `from` to `top`: the count of an open
    /// argument or result list (B = 0). Out of line so the usual fixed
    /// count does not read `top` speculatively.
    #[cold]
    #[inline(never)]
    fn open_count(&self, from: usize) -> usize {
        self.top - from
    }

    /// Runs Lua frames until the frame that `call` started returns.
    #[inline(never)]
    pub(crate) fn execute(&mut self) -> Result<(), LuaError> {
        if self.debug_hook.mask == 0 {
            self.run::<false>()?;
            if !self.hook_switch {
                return Ok(());
            }
        }
        self.execute_switching()
    }

    /// [`State::execute`] once a debug hook is set: the loops take turns
    /// as native functions set and clear the hook.
    #[cold]
    #[inline(never)]
    fn execute_switching(&mut self) -> Result<(), LuaError> {
        loop {
            self.hook_switch = false;
            if self.debug_hook.mask == 0 {
                self.run_plain()?;
            } else {
                self.run::<true>()?;
            }
            if !self.hook_switch {
                return Ok(());
            }
        }
    }

    /// The plain loop out of line, for [`State::execute_switching`]; the
    /// one [`State::execute`] runs is inlined there.
    #[inline(never)]
    fn run_plain(&mut self) -> Result<(), LuaError> {
        self.run::<false>()
    }

    /// The dispatch loop of [`State::execute`], `HOOKED` while the running
    /// thread has a debug hook. It returns with `hook_switch` set when a
    /// native function set or cleared the hook.
    #[inline(always)]
    fn run<const HOOKED: bool>(&mut self) -> Result<(), LuaError> {
        // The running frame's state lives in these locals: a Lua call or
        // return replaces them directly; only the uncommon cases reload
        // them from the frame on top (`reenter!`).
        let Some((mut proto, mut frame_base, mut pc, mut cl)) = self.running_lua_frame()? else {
            return Ok(());
        };
        loop {
            // lua5.1's saved pc, for line events (hooked loop only).
            let mut oldpc = pc;
            // A Lua function starts (a tail call's event fired already).
            if HOOKED && pc == 0 && self.frames.last().is_some_and(|f| f.tail_calls == 0) {
                self.hook_call()?;
            }
            // Below 2^32, as every frame is, `base` plus a register
            // number cannot overflow: window bounds need one check, not two.
            let Ok(base) = u32::try_from(frame_base) else {
                return Err(self.rt_error("stack overflow"));
            };
            let base = base as usize;
            let max = proto.max_stack;
            let k: &[Value] = &proto.constants;
            let code: &[u32] = &proto.code;
            // The frame's pc is stored only before what can fail or call:
            // error positions, variable names and returns read it.
            macro_rules! savepc {
                () => {
                    if let Some(f) = self.frames.last_mut() {
                        f.pc = pc - 1;
                    }
                };
            }
            macro_rules! rk {
                ($x:expr) => {{
                    let x = $x;
                    if is_k(x) {
                        k[index_k(x) as usize]
                    } else {
                        self.stack[base + x as usize]
                    }
                }};
            }
            // Reads the number in place: copying the whole value out first
            // makes a 16-byte load of a slot just written in two halves,
            // which stalls store forwarding.
            macro_rules! rk_num {
                ($x:expr) => {{
                    let x = $x;
                    let v = if is_k(x) {
                        &k[index_k(x) as usize]
                    } else {
                        &self.stack[base + x as usize]
                    };
                    match *v {
                        Value::Number(n) => Some(n),
                        _ => None,
                    }
                }};
            }
            // A register or constant copied as its parts: a number is read
            // as tag and payload, which forwards from the two stores that
            // wrote it, where a 16-byte copy would stall.
            macro_rules! rk_copy {
                ($x:expr) => {{
                    let x = $x;
                    match rk_num!(x) {
                        Some(n) => Value::Number(n),
                        None => rk!(x),
                    }
                }};
            }
            macro_rules! rk_idx {
                ($x:expr) => {{
                    let x = $x;
                    if is_k(x) {
                        None
                    } else {
                        Some(base + x as usize)
                    }
                }};
            }
            macro_rules! upcell {
                ($b:expr) => {
                    match self.heap.function(cl) {
                        Function::Lua { upvalues, .. } => upvalues[$b],
                        _ => 0,
                    }
                };
            }
            // `rk_num!` within the frame's register window `regs`, a slice
            // taken once per instruction: indexing it needs no reload of
            // the stack's pointer and length after each store.
            macro_rules! num_in {
                ($regs:expr, $x:expr) => {{
                    let x = $x;
                    let v = if is_k(x) {
                        &k[index_k(x) as usize]
                    } else {
                        &$regs[(x & 0xff) as usize]
                    };
                    match *v {
                        Value::Number(n) => Some(n),
                        _ => None,
                    }
                }};
            }
            // `rk!` within a register window.
            macro_rules! rk_in {
                ($regs:expr, $x:expr) => {{
                    let x = $x;
                    if is_k(x) {
                        k[index_k(x) as usize]
                    } else {
                        $regs[(x & 0xff) as usize]
                    }
                }};
            }
            // Register A's stack index. Each arm computes it where it
            // uses it: at the dispatch it costs every arm.
            macro_rules! ra {
                ($i:expr) => {
                    base + get_a($i) as usize
                };
            }
            macro_rules! arith {
                ($i:expr, $tm:expr, |$x:ident, $y:ident| $e:expr) => {{
                    let (b, c) = (get_b($i), get_c($i));
                    let regs = registers(&mut self.stack, base);
                    if let Some((regs, $x, $y)) = regs.and_then(|r| {
                        let (x, y) = (num_in!(r, b)?, num_in!(r, c)?);
                        Some((r, x, y))
                    }) {
                        regs[get_a($i) as usize] = Value::Number($e);
                    } else {
                        savepc!();
                        let (rb, rc) = (rk!(b), rk!(c));
                        let a = ra!($i);
                        self.stack[a] = self.arith($tm, rb, rc, rk_idx!(b), rk_idx!(c))?;
                    }
                }};
            }
            // LT or LE (`le`): numbers compared by `$e`, else `less`.
            macro_rules! compare {
                ($i:expr, $le:expr, |$x:ident, $y:ident| $e:expr) => {{
                    let (b, c) = (get_b($i), get_c($i));
                    let nums = registers(&mut self.stack, base)
                        .and_then(|r| Some((num_in!(r, b)?, num_in!(r, c)?)));
                    let r = if let Some(($x, $y)) = nums {
                        $e
                    } else {
                        savepc!();
                        self.less(rk!(b), rk!(c), $le)?
                    };
                    cond_jump!(r == (get_a($i) != 0));
                }};
            }
            // A jump back is a loop (`repeat ... until` jumps back from a
            // test): it counts toward the budget, as calls do.
            macro_rules! tick_if_back {
                ($sbx:expr) => {
                    if $sbx < 0 && self.tick_due() {
                        savepc!();
                        self.checkpoint()?;
                    }
                };
            }
            // The conditional jump that follows a test (its JMP at `pc`).
            macro_rules! cond_jump {
                ($r:expr) => {
                    if $r {
                        let sbx = get_sbx(code[pc]);
                        tick_if_back!(sbx);
                        pc = (pc as i64 + 1 + i64::from(sbx)) as usize;
                    } else {
                        pc += 1;
                    }
                };
            }
            // Continues with the frame on top, whatever pushed or popped it.
            macro_rules! reenter {
                () => {{
                    let Some((p, b, next_pc, c)) = self.running_lua_frame()? else {
                        return Ok(());
                    };
                    (frame_base, pc, cl) = (b, next_pc, c);
                    break p;
                }};
            }
            // After a native call: the hook may have been set or cleared.
            macro_rules! hook_switch {
                () => {
                    if (self.debug_hook.mask != 0) != HOOKED {
                        self.leave_for_hook_switch();
                        return Ok(());
                    }
                };
            }
            // Left with the prototype of the frame to run next.
            proto = loop {
                let i = code[pc];
                pc += 1;
                if HOOKED {
                    if self.debug_hook.mask & (MASK_LINE | MASK_COUNT) != 0 {
                        savepc!();
                        self.trace_exec(pc - 1, oldpc, &proto.info.line_info)?;
                    }
                    oldpc = pc;
                }
                match get_op(i) {
                    OpCode::Move => match registers(&mut self.stack, base) {
                        Some(r) => {
                            let v = &r[(get_b(i) & 0xff) as usize];
                            r[get_a(i) as usize] = match *v {
                                Value::Number(n) => Value::Number(n),
                                _ => *v,
                            };
                        }
                        None => self.stack[ra!(i)] = rk_copy!(get_b(i)),
                    },
                    OpCode::LoadK => {
                        let a = ra!(i);
                        self.stack[a] = k[get_bx(i) as usize]
                    }
                    OpCode::LoadBool => {
                        let a = ra!(i);
                        self.stack[a] = Value::Boolean(get_b(i) != 0);
                        if get_c(i) != 0 {
                            pc += 1;
                        }
                    }
                    OpCode::LoadNil => {
                        let a = ra!(i);
                        for r in a..=base + get_b(i) as usize {
                            self.stack[r] = Value::Nil;
                        }
                    }
                    OpCode::GetUpval => {
                        let a = ra!(i);
                        let cell = upcell!(get_b(i) as usize);
                        self.stack[a] = self.get_upval(cell);
                    }
                    OpCode::GetGlobal => {
                        let a = ra!(i);
                        let key = k[get_bx(i) as usize];
                        let env = self.heap.function(cl).env();
                        let tab = self.heap.table(env);
                        let v = tab.get(key);
                        self.stack[a] = if matches!(v, Value::Nil) && tab.metatable.is_some() {
                            savepc!();
                            self.index(Value::Table(env), key, None)?
                        } else {
                            v
                        };
                    }
                    OpCode::GetTable => {
                        let a = ra!(i);
                        let c = get_c(i);
                        let heap = &self.heap;
                        // A block, not a closure: LLVM may leave a closure
                        // out of line, and then marshals its captures.
                        let done = 'fast: {
                            let Some(r) = registers(&mut self.stack, base) else {
                                break 'fast false;
                            };
                            let Value::Table(t) = r[(get_b(i) & 0xff) as usize] else {
                                break 'fast false;
                            };
                            let tab = heap.table(t);
                            let v = match num_in!(r, c) {
                                Some(n) => tab.get_num(n),
                                None => tab.get(rk_in!(r, c)),
                            };
                            if matches!(v, Value::Nil) && tab.metatable.is_some() {
                                break 'fast false;
                            }
                            r[get_a(i) as usize] = v;
                            true
                        };
                        if !done {
                            savepc!();
                            let b = base + get_b(i) as usize;
                            self.stack[a] = self.index(self.stack[b], rk!(c), Some(b))?;
                        }
                    }
                    OpCode::SetGlobal => {
                        let a = ra!(i);
                        let env = self.heap.function(cl).env();
                        let key = k[get_bx(i) as usize];
                        let val = self.stack[a];
                        if !self.heap.table_mut(env).set_existing(key, val) {
                            savepc!();
                            self.set_index(Value::Table(env), key, val, None)?;
                        }
                    }
                    OpCode::SetUpval => {
                        let a = ra!(i);
                        let cell = upcell!(get_b(i) as usize);
                        self.set_upval(cell, self.stack[a]);
                    }
                    OpCode::SetTable => {
                        let a = ra!(i);
                        let (b, c) = (get_b(i), get_c(i));
                        let heap = &mut self.heap;
                        let done = 'fast: {
                            let Some(r) = registers(&mut self.stack, base) else {
                                break 'fast false;
                            };
                            let Value::Table(t) = r[get_a(i) as usize] else {
                                break 'fast false;
                            };
                            let val = match num_in!(r, c) {
                                Some(n) => Value::Number(n),
                                None => rk_in!(r, c),
                            };
                            match num_in!(r, b) {
                                Some(n) => heap.table_mut(t).set_existing_num(n, val),
                                None => heap.table_mut(t).set_existing(rk_in!(r, b), val),
                            }
                        };
                        if !done {
                            savepc!();
                            let val = rk_copy!(c);
                            self.set_index(self.stack[a], rk!(b), val, Some(a))?;
                        }
                    }
                    OpCode::NewTable => {
                        let a = ra!(i);
                        savepc!();
                        let t = self
                            .heap
                            .new_table(fb_to_int(get_b(i)) as usize, fb_to_int(get_c(i)) as usize);
                        self.stack[a] = Value::Table(t);
                        self.gc_check()?;
                    }
                    OpCode::SelfOp => {
                        let a = ra!(i);
                        let b = base + get_b(i) as usize;
                        let rb = self.stack[b];
                        let key = rk!(get_c(i));
                        self.stack[a + 1] = rb;
                        self.stack[a] = match self.method_fast(rb, key) {
                            Some(v) => v,
                            None => {
                                savepc!();
                                self.index(rb, key, Some(b))?
                            }
                        };
                    }
                    OpCode::Add => arith!(i, Tm::Add, |x, y| x + y),
                    OpCode::Sub => arith!(i, Tm::Sub, |x, y| x - y),
                    OpCode::Mul => arith!(i, Tm::Mul, |x, y| x * y),
                    OpCode::Div => arith!(i, Tm::Div, |x, y| x / y),
                    OpCode::Mod => arith!(i, Tm::Mod, |x, y| arith_op(Tm::Mod, x, y)),
                    OpCode::Pow => arith!(i, Tm::Pow, |x, y| x.powf(y)),
                    OpCode::Unm => {
                        let a = ra!(i);
                        let b = base + get_b(i) as usize;
                        let rb = self.stack[b];
                        self.stack[a] = match rb {
                            Value::Number(x) => Value::Number(-x),
                            _ => {
                                savepc!();
                                self.arith(Tm::Unm, rb, rb, Some(b), Some(b))?
                            }
                        };
                    }
                    OpCode::Not => {
                        let a = ra!(i);
                        self.stack[a] =
                            Value::Boolean(!self.stack[base + get_b(i) as usize].truthy())
                    }
                    OpCode::Len => {
                        let a = ra!(i);
                        let b = base + get_b(i) as usize;
                        let rb = self.stack[b];
                        self.stack[a] = match rb {
                            Value::Table(t) => Value::Number(self.heap.table(t).len() as f64),
                            Value::String(s) => Value::Number(self.heap.str(s).len() as f64),
                            _ => {
                                savepc!();
                                let tm = self.get_tm(rb, Tm::Len);
                                if matches!(tm, Value::Nil) {
                                    return Err(self.type_error(rb, "get length of", Some(b)));
                                }
                                self.call_tm(tm, rb, Value::Nil)?
                            }
                        };
                    }
                    OpCode::Concat => {
                        let a = ra!(i);
                        savepc!();
                        let (b, c) = (base + get_b(i) as usize, base + get_c(i) as usize);
                        self.concat(b, c)?;
                        self.stack[a] = self.stack[b];
                        self.gc_check()?;
                    }
                    OpCode::Jmp => {
                        let sbx = get_sbx(i);
                        tick_if_back!(sbx);
                        pc = (pc as i64 + i64::from(sbx)) as usize;
                    }
                    OpCode::Eq => {
                        let (b, c) = (get_b(i), get_c(i));
                        let nums = registers(&mut self.stack, base)
                            .and_then(|r| Some((num_in!(r, b)?, num_in!(r, c)?)));
                        let r = if let Some((x, y)) = nums {
                            x == y
                        } else {
                            let (rb, rc) = (rk!(b), rk!(c));
                            match (rb, rc) {
                                (Value::Table(_), Value::Table(_))
                                | (Value::UserData(_), Value::UserData(_))
                                    if !rb.raw_eq(rc) =>
                                {
                                    savepc!();
                                    self.equals(rb, rc)?
                                }
                                _ => rb.raw_eq(rc),
                            }
                        };
                        cond_jump!(r == (get_a(i) != 0));
                    }
                    OpCode::Lt => compare!(i, false, |x, y| x < y),
                    OpCode::Le => compare!(i, true, |x, y| x <= y),
                    OpCode::Test => {
                        let a = ra!(i);
                        cond_jump!(self.stack[a].truthy() == (get_c(i) != 0));
                    }
                    OpCode::TestSet => {
                        let a = ra!(i);
                        let rb = self.stack[base + get_b(i) as usize];
                        let taken = rb.truthy() == (get_c(i) != 0);
                        if taken {
                            self.stack[a] = rb;
                        }
                        cond_jump!(taken);
                    }
                    OpCode::Call => {
                        let a = ra!(i);
                        savepc!();
                        let b = get_b(i) as usize;
                        let nargs = if b != 0 {
                            b - 1
                        } else {
                            self.open_count(a + 1)
                        };
                        let nresults = get_c(i) as i32 - 1;
                        self.tick()?;
                        if !HOOKED {
                            if let Some((callee, p)) =
                                self.enter_lua(a, nargs, nresults, |f, p| (f, p.clone()))
                            {
                                (frame_base, pc, cl) = (a + 1, 0, callee);
                                break p;
                            }
                        }
                        if self.precall(a, nargs, nresults)? {
                            reenter!();
                        }
                        if nresults >= 0 {
                            self.top = base + max;
                        }
                        hook_switch!();
                    }
                    OpCode::TailCall => {
                        let a = ra!(i);
                        savepc!();
                        let b = get_b(i) as usize;
                        let nargs = if b != 0 {
                            b - 1
                        } else {
                            self.open_count(a + 1)
                        };
                        self.tick()?;
                        let is_lua = matches!(self.stack[a], Value::Function(f)
                            if matches!(self.heap.function(f), Function::Lua { .. }));
                        if !is_lua {
                            // Natives and `__call` run as a plain call; the
                            // RETURN that follows hands back their results.
                            self.precall(a, nargs, -1)?;
                            hook_switch!();
                            continue;
                        }
                        if HOOKED {
                            self.tail_call_hooked(a, nargs)?;
                            reenter!();
                        }
                        let Some(&CallFrame {
                            tail_calls, func, ..
                        }) = self.frames.last()
                        else {
                            return Ok(());
                        };
                        self.close_upvals(base);
                        self.stack.copy_within(a..a + 1 + nargs, func);
                        let Some((_, wanted, fresh)) = self.pop_frame() else {
                            return Ok(());
                        };
                        if !self.push_lua_frame(func, nargs, wanted) {
                            self.precall(func, nargs, wanted)?;
                        }
                        if let Some(f) = self.frames.last_mut() {
                            f.fresh = fresh;
                            f.tail_calls = tail_calls.saturating_add(1);
                        }
                        reenter!();
                    }
                    OpCode::Return => {
                        let a = ra!(i);
                        let b = get_b(i) as usize;
                        let n = if b != 0 { b - 1 } else { self.open_count(a) };
                        if self.open_upvals.last().is_some_and(|&(idx, _)| idx >= base) {
                            self.close_upvals(base);
                        }
                        if HOOKED {
                            savepc!();
                            self.top = a + n;
                            self.hook_return()?;
                        }
                        let Some((res, wanted, fresh)) = self.pop_frame() else {
                            return Ok(());
                        };
                        if wanted == 1 && n >= 1 {
                            // The usual single result moves down, below `a`.
                            self.stack[res] = self.stack[a];
                            self.top = res + 1;
                        } else if wanted == 0 {
                            // A call made as a statement keeps nothing.
                            self.top = res;
                        } else {
                            self.move_results_general(res, a, n, wanted);
                        }
                        if fresh {
                            return Ok(());
                        }
                        // Back to the calling Lua frame (OP_CALL pushed this one).
                        let Some(caller) = self.frames.last_mut() else {
                            return Ok(());
                        };
                        caller.pc += 1;
                        (frame_base, pc) = (caller.base, caller.pc);
                        cl = match self.stack.get(caller.func) {
                            Some(&Value::Function(cl)) => cl,
                            _ => return Ok(()),
                        };
                        let Function::Lua { proto: p, .. } = self.heap.function(cl) else {
                            return Ok(());
                        };
                        if wanted >= 0 {
                            self.top = frame_base + p.max_stack;
                        }
                        break p.clone();
                    }
                    OpCode::ForLoop => {
                        let a = ra!(i);
                        // FORPREP made the control values numbers; only
                        // debug.setlocal can change that, and ends the loop.
                        let ctl = self.stack.get_mut(a..).and_then(|s| s.first_chunk_mut());
                        if let Some([idx, Value::Number(limit), Value::Number(step), ext]) = ctl {
                            let Value::Number(x) = *idx else {
                                continue;
                            };
                            let next = x + *step;
                            if if *step > 0.0 {
                                next <= *limit
                            } else {
                                *limit <= next
                            } {
                                *idx = Value::Number(next);
                                *ext = Value::Number(next);
                                if self.tick_due() {
                                    savepc!();
                                    self.checkpoint()?;
                                }
                                pc = (pc as i64 + i64::from(get_sbx(i))) as usize;
                            }
                        }
                    }
                    OpCode::ForPrep => {
                        let a = ra!(i);
                        savepc!();
                        let Some(init) = self.to_number(self.stack[a]) else {
                            return Err(self.rt_error("'for' initial value must be a number"));
                        };
                        let Some(limit) = self.to_number(self.stack[a + 1]) else {
                            return Err(self.rt_error("'for' limit must be a number"));
                        };
                        let Some(step) = self.to_number(self.stack[a + 2]) else {
                            return Err(self.rt_error("'for' step must be a number"));
                        };
                        self.stack[a] = Value::Number(init - step);
                        self.stack[a + 1] = Value::Number(limit);
                        self.stack[a + 2] = Value::Number(step);
                        tick_if_back!(get_sbx(i));
                        pc = (pc as i64 + i64::from(get_sbx(i))) as usize;
                    }
                    OpCode::TForLoop => {
                        let a = ra!(i);
                        savepc!();
                        let cb = a + 3;
                        self.stack[cb + 2] = self.stack[a + 2];
                        self.stack[cb + 1] = self.stack[a + 1];
                        self.stack[cb] = self.stack[a];
                        self.top = cb + 3;
                        self.tick()?;
                        self.call(cb, 2, get_c(i) as i32)?;
                        self.top = base + max;
                        if !matches!(self.stack[cb], Value::Nil) {
                            self.stack[cb - 1] = self.stack[cb];
                            pc = (pc as i64 + 1 + i64::from(get_sbx(code[pc]))) as usize;
                        } else {
                            pc += 1;
                        }
                    }
                    OpCode::SetList => {
                        let a = ra!(i);
                        let mut n = get_b(i) as usize;
                        if n == 0 {
                            n = self.top - a - 1;
                            self.top = base + max;
                        }
                        let mut c = get_c(i) as usize;
                        if c == 0 {
                            c = code[pc] as usize;
                            pc += 1;
                        }
                        if let Value::Table(t) = self.stack[a] {
                            let first = (c.saturating_sub(1)) * LFIELDS_PER_FLUSH as usize;
                            let tab = self.heap.table_mut(t);
                            if first + n > tab.array_len() {
                                tab.resize_array(first + n);
                            }
                            for j in 1..=n {
                                let v = self.stack[a + j];
                                self.heap.table_mut(t).set_int((first + j) as i64, v);
                            }
                        }
                    }
                    OpCode::Close => {
                        let a = ra!(i);
                        self.close_upvals(a)
                    }
                    OpCode::Closure => {
                        let a = ra!(i);
                        savepc!();
                        let p = proto.protos[get_bx(i) as usize].clone();
                        let nup = usize::from(p.info.num_upvalues);
                        let mut upvalues = UpvalCells::with_capacity(nup);
                        for j in 0..nup {
                            let ui = code[pc + j];
                            if get_op(ui) == OpCode::GetUpval {
                                upvalues.push(upcell!(get_b(ui) as usize));
                            } else {
                                upvalues.push(self.find_upval(base + get_b(ui) as usize));
                            }
                        }
                        pc += nup;
                        let env = self.heap.function(cl).env();
                        let f = self.heap.new_function(Function::Lua {
                            proto: p,
                            upvalues,
                            env,
                        });
                        self.stack[a] = Value::Function(f);
                        self.gc_check()?;
                    }
                    OpCode::VarArg => {
                        let a = ra!(i);
                        let np = proto.num_params;
                        let func = self.frames.last().map_or(0, |f| f.func);
                        let n = (base - func - 1).saturating_sub(np);
                        let mut b = get_b(i) as usize;
                        if b == 0 {
                            b = n;
                            self.ensure_stack(a + n + 1);
                            self.top = a + n;
                        }
                        let m = b.min(n);
                        self.stack.copy_within(base - n..base - n + m, a);
                        if let Some(rest) = self.stack.get_mut(a + m..a + b) {
                            rest.fill(Value::Nil);
                        }
                    }
                }
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::floor;

    #[test]
    fn floor_matches_the_library_floor() {
        let mut xs = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            2.5,
            -2.5,
            1e-300,
            -1e-300,
            4_503_599_627_370_495.5,
            -4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            -4_503_599_627_370_497.0,
            9.3e18,
            -9.3e18,
            1e300,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
        ];
        // A spread of values around each power of two.
        for e in -60..70 {
            let p = 2f64.powi(e);
            for d in [-1.0, -0.5, 0.0, 0.25, 1.0] {
                xs.push(p + d);
                xs.push(-p + d);
            }
        }
        for x in xs {
            let (got, want) = (floor(x), x.floor());
            assert_eq!(got.to_bits(), want.to_bits(), "floor({x:e})");
        }
        assert!(floor(f64::NAN).is_nan());
    }
}
