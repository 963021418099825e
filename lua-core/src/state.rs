//! The interpreter state: heap, stack, call frames, and the services native
//! functions use (arguments, results, errors, calls back into Lua).

use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::function::{Function, LoadedProto, Upval};
use crate::heap::Heap;
use crate::value::{StrRef, TableRef, Value};

/// Maximum nesting of native-to-Lua calls (LUAI_MAXCCALLS).
pub const MAX_C_CALLS: usize = 200;
/// Maximum number of call frames (LUAI_MAXCALLS).
pub const MAX_FRAMES: usize = 20000;
/// Largest single allocation a state makes when it has no memory limit:
/// beyond it `string.rep` and friends fail cleanly instead of aborting.
pub const MAX_ALLOCATION: usize = 1 << 32;
/// How many calls/back-jumps pass between budget and interrupt checks.
const CHECK_INTERVAL: u32 = 1024;

/// Why a call failed. Only `Runtime` errors can be caught by `pcall`.
#[derive(Clone, Copy, Debug)]
pub enum LuaError {
    /// A Lua error carrying its error value.
    Runtime(Value),
    /// The embedder interrupted execution.
    Interrupted,
    /// The instruction budget ran out.
    BudgetExhausted,
    /// The running coroutine yields (unwinds to its resume, frames kept).
    Yield,
}

/// The embedder's checkpoint hook (see [`State::hook`]).
pub type CheckpointHook = Option<Box<dyn FnMut() -> bool>>;

/// [`State::charge`] on the fields it needs, for natives that hold a borrow
/// of the heap (a subject string) while they work: the hook, the interrupt
/// flag, the budget.
pub fn charge_budget(
    interrupt: &AtomicBool,
    budget: &mut Option<u64>,
    hook: &mut CheckpointHook,
    units: u64,
) -> Result<(), LuaError> {
    if let Some(hook) = hook.as_mut() {
        if !hook() {
            return Err(LuaError::Interrupted);
        }
    }
    if interrupt.load(Ordering::Relaxed) {
        interrupt.store(false, Ordering::Relaxed);
        return Err(LuaError::Interrupted);
    }
    if let Some(b) = budget.as_mut() {
        if *b < units {
            *b = 0;
            return Err(LuaError::BudgetExhausted);
        }
        *b -= units;
    }
    Ok(())
}

/// Metamethod events, indexing `State::tm_names`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Tm {
    Index,
    NewIndex,
    Call,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Unm,
    Concat,
    Eq,
    Lt,
    Le,
    Len,
    Metatable,
    Tostring,
    Gc,
    Mode,
}

const TM_NAMES: [&str; 19] = [
    "__index",
    "__newindex",
    "__call",
    "__add",
    "__sub",
    "__mul",
    "__div",
    "__mod",
    "__pow",
    "__unm",
    "__concat",
    "__eq",
    "__lt",
    "__le",
    "__len",
    "__metatable",
    "__tostring",
    "__gc",
    "__mode",
];

/// An activation record. A Lua frame's prototype is its function's (see
/// [`CallFrame::proto`]): the frame holds no reference of its own, so a call
/// and a return count no references.
#[derive(Clone, Copy)]
pub struct CallFrame {
    /// Stack index of the called function.
    pub func: usize,
    /// First register (Lua) or first argument (native).
    pub base: usize,
    /// Index of the instruction being executed (Lua frames).
    pub pc: usize,
    /// Results the caller wants, or -1 for all.
    pub nresults: i32,
    /// Argument count (native frames).
    pub nargs: usize,
    /// True when a native `call` started this Lua frame, so RETURN must hand
    /// control back to Rust instead of continuing the caller's bytecode.
    pub fresh: bool,
    /// How many frames this one replaced by tail calls (tracebacks show a
    /// `(tail call)` line for each, and the call site names nothing).
    pub tail_calls: u16,
}

impl CallFrame {
    /// The prototype of a Lua frame of a thread whose stack is `stack`;
    /// `None` for a native frame. The function slot holds the running
    /// function for as long as the frame lives.
    pub fn proto<'h>(&self, heap: &'h Heap, stack: &[Value]) -> Option<&'h Rc<LoadedProto>> {
        match stack.get(self.func)? {
            Value::Function(f) => match heap.function(*f) {
                Function::Lua { proto, .. } => Some(proto),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The whole interpreter state.
pub struct State {
    /// All heap objects.
    pub heap: Heap,
    /// The value stack of the running thread.
    pub stack: Vec<Value>,
    /// First free slot for natives and for calls with variable results.
    pub top: usize,
    /// Active call frames.
    pub frames: Vec<CallFrame>,
    /// Open upvalues as (stack index, upvalue cell), sorted by index.
    pub open_upvals: Vec<(usize, u32)>,
    /// The running thread's index in the heap's thread arena.
    pub current_thread: u32,
    /// The global table.
    pub globals: TableRef,
    /// The registry, for embedders.
    pub registry: TableRef,
    /// Metatable shared by all strings.
    pub string_mt: Option<TableRef>,
    /// Metatables shared by the other types without their own (numbers,
    /// booleans, nil, functions, threads, light userdata), which only
    /// `debug.setmetatable` sets; indexed by [`Value::type_tag`].
    pub type_mts: [Option<TableRef>; 9],
    /// Metamethod names, interned once.
    pub tm_names: Vec<StrRef>,
    /// Current native-to-Lua call nesting.
    pub c_depth: usize,
    /// Remaining instruction budget (counted in calls and back-jumps).
    pub budget: Option<u64>,
    /// Set from another thread to stop execution.
    pub interrupt: Arc<AtomicBool>,
    /// Most bytes the heap may hold; `None` for no limit beyond
    /// [`MAX_ALLOCATION`] per allocation.
    pub memory_limit: Option<usize>,
    countdown: u32,
    /// Collector settings and pacing.
    pub gc: crate::gc::GcState,
    /// Called at every budget checkpoint (every few thousand instructions,
    /// and whenever a builtin charges its work): the host looks at its clock
    /// there; returning false interrupts the script as the interrupt handle
    /// does.
    pub hook: CheckpointHook,
    /// Destination of `print`.
    pub output: Box<dyn Write>,
    /// The running thread's debug hook (`debug.sethook`).
    pub(crate) debug_hook: crate::hook::DebugHook,
    /// Set by the dispatch loop when it stops because the running thread's
    /// hook mask was set or cleared: the loop starts again in the other mode.
    pub(crate) hook_switch: bool,
}

impl Default for State {
    fn default() -> Self {
        State::new()
    }
}

impl State {
    /// A fresh state with empty globals.
    pub fn new() -> State {
        let mut heap = Heap::new();
        let globals = heap.new_table(0, 0);
        let registry = heap.new_table(0, 0);
        heap.new_thread(crate::coroutine::Thread::main());
        let tm_names = TM_NAMES.iter().map(|n| heap.intern(n.as_bytes())).collect();
        State {
            heap,
            stack: vec![Value::Nil; 64],
            top: 0,
            frames: Vec::new(),
            open_upvals: Vec::new(),
            current_thread: crate::coroutine::MAIN_THREAD,
            globals,
            registry,
            string_mt: None,
            type_mts: [None; 9],
            tm_names,
            c_depth: 0,
            budget: None,
            interrupt: Arc::new(AtomicBool::new(false)),
            memory_limit: None,
            countdown: CHECK_INTERVAL,
            gc: crate::gc::GcState::default(),
            hook: None,
            output: Box::new(std::io::stdout()),
            debug_hook: crate::hook::DebugHook::NONE,
            hook_switch: false,
        }
    }

    /// Counts one call or back-jump (VM only): periodically checks the
    /// interrupt flag and the budget, and is a safe point for the collector.
    #[inline]
    pub(crate) fn tick(&mut self) -> Result<(), LuaError> {
        if self.tick_due() {
            return self.checkpoint();
        }
        Ok(())
    }

    /// Counts one call or back-jump and says whether a checkpoint is due
    /// (the VM saves its pc only then).
    #[inline]
    pub(crate) fn tick_due(&mut self) -> bool {
        self.countdown -= 1;
        self.countdown == 0
    }

    /// The periodic check [`State::tick`] makes: budget, interrupt, hook,
    /// and a safe point for the collector.
    #[cold]
    #[inline(never)]
    pub(crate) fn checkpoint(&mut self) -> Result<(), LuaError> {
        self.countdown = CHECK_INTERVAL;
        self.check_budget(u64::from(CHECK_INTERVAL))?;
        self.account_table_growth();
        self.gc_check()
    }

    /// Charges `units` of work done by a native function (pattern matching
    /// steps, bytes copied) to the instruction budget, so that long-running
    /// builtins can be interrupted and bounded. Never collects garbage.
    pub fn charge(&mut self, units: u32) -> Result<(), LuaError> {
        if units < self.countdown {
            self.countdown -= units;
            return Ok(());
        }
        let used = u64::from(units) + u64::from(CHECK_INTERVAL - self.countdown);
        self.countdown = CHECK_INTERVAL;
        self.check_budget(used)
    }

    #[cold]
    fn check_budget(&mut self, used: u64) -> Result<(), LuaError> {
        charge_budget(&self.interrupt, &mut self.budget, &mut self.hook, used)
    }

    /// Fails with lua5.1's `not enough memory` when allocating `bytes` more
    /// would pass the memory limit. Natives building large results (strings,
    /// tables) call it before allocating.
    pub fn check_alloc(&mut self, bytes: usize) -> Result<(), LuaError> {
        self.account_table_growth();
        let fits = match self.memory_limit {
            Some(limit) => self.heap.bytes_used().saturating_add(bytes) <= limit,
            None => bytes <= MAX_ALLOCATION,
        };
        if fits {
            Ok(())
        } else {
            Err(LuaError::Runtime(self.heap.str_value(b"not enough memory")))
        }
    }

    /// Makes sure stack slots below `n` exist.
    #[inline]
    pub fn ensure_stack(&mut self, n: usize) {
        if self.stack.len() < n {
            self.grow_stack(n);
        }
    }

    #[cold]
    fn grow_stack(&mut self, n: usize) {
        // Doubling keeps deep recursion linear.
        let len = (n + 64).max(self.stack.len() * 2);
        self.stack.resize(len, Value::Nil);
    }

    /// Pushes a value at `top` (natives push their results this way).
    #[inline]
    pub fn push(&mut self, v: Value) {
        self.ensure_stack(self.top + 1);
        self.stack[self.top] = v;
        self.top += 1;
    }

    /// Argument `i` (1-based) of the running native function, nil if absent.
    #[inline]
    pub fn arg(&self, i: usize) -> Value {
        match self.frames.last() {
            Some(f) if i >= 1 && i <= f.nargs => self.stack[f.base + i - 1],
            _ => Value::Nil,
        }
    }

    /// Interns a string value.
    pub fn str_value(&mut self, s: &[u8]) -> Value {
        self.heap.str_value(s)
    }

    /// The interned name of metamethod `tm`.
    #[inline]
    pub fn tm_name(&self, tm: Tm) -> Value {
        Value::String(self.tm_names[tm as usize])
    }

    /// The metatable of any value.
    pub fn get_metatable(&self, v: Value) -> Option<TableRef> {
        match v {
            Value::Table(t) => self.heap.table(t).metatable,
            Value::String(_) => self.string_mt,
            Value::UserData(u) => self.heap.userdata(u).metatable,
            _ => self.type_mts[v.type_tag()],
        }
    }

    /// Metamethod `tm` of `v`, or nil.
    #[inline]
    pub fn get_tm(&self, v: Value, tm: Tm) -> Value {
        match self.get_metatable(v) {
            Some(mt) => self.heap.table(mt).get(self.tm_name(tm)),
            None => Value::Nil,
        }
    }

    /// Closes open upvalues at or above stack index `level`.
    pub fn close_upvals(&mut self, level: usize) {
        while let Some(&(idx, cell)) = self.open_upvals.last() {
            if idx < level {
                break;
            }
            self.heap.upvals[cell as usize] = Upval::Closed(self.stack[idx]);
            self.open_upvals.pop();
        }
    }

    /// The upvalue cell for stack slot `idx`, creating it if needed.
    pub fn find_upval(&mut self, idx: usize) -> u32 {
        let pos = self.open_upvals.partition_point(|&(i, _)| i < idx);
        if let Some(&(i, cell)) = self.open_upvals.get(pos) {
            if i == idx {
                return cell;
            }
        }
        let thread = self.current_thread;
        let cell = self.heap.new_upval(Upval::Open { thread, idx });
        self.open_upvals.insert(pos, (idx, cell));
        cell
    }

    /// Reads an upvalue cell.
    #[inline]
    pub fn get_upval(&self, cell: u32) -> Value {
        match self.heap.upvals[cell as usize] {
            Upval::Open { thread, idx } if thread == self.current_thread => self.stack[idx],
            Upval::Open { thread, idx } => self.heap.thread(thread).stack[idx],
            Upval::Closed(v) => v,
        }
    }

    /// Writes an upvalue cell.
    #[inline]
    pub fn set_upval(&mut self, cell: u32, v: Value) {
        match self.heap.upvals[cell as usize] {
            Upval::Open { thread, idx } if thread == self.current_thread => self.stack[idx] = v,
            Upval::Open { thread, idx } => self.heap.thread_mut(thread).stack[idx] = v,
            Upval::Closed(_) => self.heap.upvals[cell as usize] = Upval::Closed(v),
        }
    }

    /// The prototype of the running thread's frame `fi`, `None` for a
    /// native frame or no frame.
    pub fn frame_proto(&self, fi: usize) -> Option<&Rc<LoadedProto>> {
        self.frames.get(fi)?.proto(&self.heap, &self.stack)
    }

    /// The environment of the function running in frame `fi`.
    pub fn frame_env(&self, fi: usize) -> TableRef {
        match self.stack[self.frames[fi].func] {
            Value::Function(f) => self.heap.function(f).env(),
            _ => self.globals,
        }
    }
}

impl State {
    /// Wraps a native function as a value.
    pub fn native(&mut self, name: &'static str, f: crate::function::NativeFn) -> Value {
        let env = self.globals;
        Value::Function(self.heap.new_function(Function::Native { f, name, env }))
    }

    /// Wraps a native closure (Rust state in `f`, Lua values in `upvalues`,
    /// read back with [`State::closure_upvalue`]) as a value.
    pub fn native_closure(
        &mut self,
        name: &'static str,
        f: crate::function::NativeClosure,
        upvalues: Vec<Value>,
    ) -> Value {
        let env = self.globals;
        Value::Function(self.heap.new_function(Function::Closure {
            f,
            name,
            upvalues,
            env,
        }))
    }

    /// Upvalue `i` of the running native closure, nil if there is none.
    pub fn closure_upvalue(&self, i: usize) -> Value {
        let Some(frame) = self.frames.last() else {
            return Value::Nil;
        };
        match self.stack[frame.func] {
            Value::Function(f) => match self.heap.function(f) {
                Function::Closure { upvalues, .. } => {
                    upvalues.get(i).copied().unwrap_or(Value::Nil)
                }
                _ => Value::Nil,
            },
            _ => Value::Nil,
        }
    }

    /// The raw `tostring` text (no `__tostring`): numbers as `%.14g`,
    /// objects as a stable fake address.
    pub fn raw_tostring(&self, v: Value) -> Vec<u8> {
        match v {
            Value::Nil => b"nil".to_vec(),
            Value::Boolean(b) => {
                if b {
                    b"true".to_vec()
                } else {
                    b"false".to_vec()
                }
            }
            Value::Number(n) => crate::number::fmt_number(n).into_bytes(),
            Value::String(s) => self.heap.str(s).to_vec(),
            Value::Table(t) => {
                format!("table: 0x{:08x}", 0x0804_0000 + t.0 as usize * 0x20).into_bytes()
            }
            Value::Function(f) => {
                format!("function: 0x{:08x}", 0x0808_0000 + f.0 as usize * 0x20).into_bytes()
            }
            Value::UserData(u) => {
                format!("userdata: 0x{:08x}", 0x080c_0000 + u as usize * 0x20).into_bytes()
            }
            Value::Thread(u) => {
                format!("thread: 0x{:08x}", 0x0810_0000 + u as usize * 0x20).into_bytes()
            }
            // glibc prints a null pointer as `(nil)` (`tostring(cjson.null)`).
            Value::LightUserData(0) => b"userdata: (nil)".to_vec(),
            Value::LightUserData(p) => format!("userdata: 0x{p:08x}").into_bytes(),
        }
    }

    /// `tostring(v)`, honouring `__tostring`.
    pub fn tostring(&mut self, v: Value) -> Result<Vec<u8>, LuaError> {
        let tm = self.get_tm(v, Tm::Tostring);
        if matches!(tm, Value::Nil) {
            return Ok(self.raw_tostring(v));
        }
        match self.call_tm(tm, v, Value::Nil)? {
            Value::String(s) => Ok(self.heap.str(s).to_vec()),
            Value::Number(n) => Ok(crate::number::fmt_number(n).into_bytes()),
            _ => Err(self.rt_error("'__tostring' must return a string")),
        }
    }

    /// Drops all frames after an error escaped to the embedder.
    pub fn reset_after_error(&mut self) {
        self.close_upvals(0);
        self.frames.clear();
        self.top = 0;
        self.c_depth = 0;
    }
}
