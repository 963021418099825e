//! Coroutines (ldo.c's lua_resume / lua_yield).
//!
//! Every coroutine is a [`Thread`]: its own value stack, call frames and open
//! upvalues. The running thread's are the `State`'s own fields; the others
//! wait in the heap's thread arena (slot 0 is the main thread). Resuming swaps
//! the two and runs the VM; a yield unwinds out of the VM as
//! [`LuaError::Yield`] with the coroutine's frames left in place, so the next
//! resume continues them. As in Lua 5.1, a yield may not cross a native call
//! boundary (pcall, metamethods, iterators, sort comparators): those run the VM
//! from Rust, and there is no way back into the middle of a Rust function.

use crate::state::{CallFrame, LuaError, State, MAX_C_CALLS};
use crate::value::Value;

/// Index of the main thread in the heap's thread arena.
pub const MAIN_THREAD: u32 = 0;

/// Where a coroutine is in its life (coroutine.status).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadStatus {
    /// Created and not started, or yielded.
    Suspended,
    /// The thread executing now.
    Running,
    /// Resumed another coroutine and waits for it.
    Normal,
    /// Returned or failed.
    Dead,
}

impl ThreadStatus {
    /// The name `coroutine.status` reports.
    pub fn name(self) -> &'static str {
        match self {
            ThreadStatus::Suspended => "suspended",
            ThreadStatus::Running => "running",
            ThreadStatus::Normal => "normal",
            ThreadStatus::Dead => "dead",
        }
    }
}

/// A coroutine's execution state while it is not the running thread.
pub struct Thread {
    /// Its value stack.
    pub stack: Vec<Value>,
    /// First free slot.
    pub top: usize,
    /// Its call frames.
    pub frames: Vec<CallFrame>,
    /// Its open upvalues as (stack index, upvalue cell), sorted by index.
    pub open_upvals: Vec<(usize, u32)>,
    /// Life cycle.
    pub status: ThreadStatus,
    /// Native-call nesting when it was last resumed: a yield is allowed only
    /// at exactly this depth.
    pub base_c_depth: usize,
    /// Its debug hook while it is not running.
    pub debug_hook: crate::hook::DebugHook,
}

impl Thread {
    /// A thread whose stack holds just `f`, ready for its first resume.
    pub fn new(f: Value) -> Thread {
        let mut stack = vec![Value::Nil; 32];
        stack[0] = f;
        Thread {
            stack,
            top: 1,
            frames: Vec::new(),
            open_upvals: Vec::new(),
            status: ThreadStatus::Suspended,
            base_c_depth: 0,
            debug_hook: crate::hook::DebugHook::NONE,
        }
    }

    /// The main thread's slot: its state lives in `State` until a coroutine
    /// runs.
    pub fn main() -> Thread {
        Thread {
            stack: Vec::new(),
            top: 0,
            frames: Vec::new(),
            open_upvals: Vec::new(),
            status: ThreadStatus::Running,
            base_c_depth: 0,
            debug_hook: crate::hook::DebugHook::NONE,
        }
    }
}

/// What a resume produced.
pub enum Resumed {
    /// The coroutine yielded or returned these values.
    Values(Vec<Value>),
    /// It failed with this error value (it is dead now).
    Error(Value),
}

impl State {
    /// Creates a coroutine that will run `f`.
    pub fn new_thread(&mut self, f: Value) -> Value {
        let mut thread = Thread::new(f);
        thread.debug_hook = self.debug_hook.inherited();
        Value::Thread(self.heap.new_thread(thread))
    }

    /// The status of thread `co`.
    pub fn thread_status(&self, co: u32) -> ThreadStatus {
        self.heap.thread(co).status
    }

    /// Parks the running thread's stack, frames and upvalues in its arena
    /// slot and makes `to` the running thread.
    fn switch_to(&mut self, to: u32) {
        // Swaps, not takes: a parked slot's vectors are empty, and swapping
        // them through leaves nothing to drop.
        use std::mem::swap;
        let from = self.heap.thread_mut(self.current_thread);
        swap(&mut from.stack, &mut self.stack);
        swap(&mut from.frames, &mut self.frames);
        swap(&mut from.open_upvals, &mut self.open_upvals);
        from.top = self.top;
        from.debug_hook = self.debug_hook;
        let to_slot = self.heap.thread_mut(to);
        swap(&mut self.stack, &mut to_slot.stack);
        swap(&mut self.frames, &mut to_slot.frames);
        swap(&mut self.open_upvals, &mut to_slot.open_upvals);
        self.top = to_slot.top;
        self.debug_hook = to_slot.debug_hook;
        self.current_thread = to;
    }

    /// Resumes coroutine `co` with `args` (lua_resume). An error that
    /// cannot be caught (interrupt, budget) kills the coroutine and
    /// propagates.
    pub fn resume(&mut self, co: u32, args: &[Value]) -> Result<Resumed, LuaError> {
        let status = self.heap.thread(co).status;
        if status != ThreadStatus::Suspended {
            let msg = format!("cannot resume {} coroutine", status.name());
            return Ok(Resumed::Error(self.heap.str_value(msg.as_bytes())));
        }
        if self.c_depth >= MAX_C_CALLS {
            return Ok(Resumed::Error(self.heap.str_value(b"C stack overflow")));
        }
        let from = self.current_thread;
        self.heap.thread_mut(from).status = ThreadStatus::Normal;
        self.c_depth += 1;
        self.switch_to(co);
        let t = self.heap.thread_mut(co);
        t.status = ThreadStatus::Running;
        t.base_c_depth = self.c_depth;
        let outcome = self.run_resumed(args);
        let result = match outcome {
            Ok(()) => {
                let values = self.stack[..self.top].to_vec();
                self.top = 0;
                self.finish_thread(co, from, ThreadStatus::Dead);
                Ok(Resumed::Values(values))
            }
            Err(LuaError::Yield) => {
                let first = self.frames.last().map_or(self.top, |f| f.base);
                let values = self.stack[first..self.top].to_vec();
                self.finish_thread(co, from, ThreadStatus::Suspended);
                Ok(Resumed::Values(values))
            }
            Err(LuaError::Runtime(v)) => {
                self.finish_thread(co, from, ThreadStatus::Dead);
                Ok(Resumed::Error(v))
            }
            Err(e) => {
                self.finish_thread(co, from, ThreadStatus::Dead);
                Err(e)
            }
        };
        self.c_depth -= 1;
        result
    }

    /// Leaves coroutine `co` for `back` with `co` in `status`.
    fn finish_thread(&mut self, co: u32, back: u32, status: ThreadStatus) {
        if status == ThreadStatus::Dead {
            self.close_upvals(0);
            self.frames.clear();
            self.top = 0;
        }
        self.switch_to(back);
        self.heap.thread_mut(co).status = status;
        self.heap.thread_mut(back).status = ThreadStatus::Running;
    }

    /// Starts or continues the running coroutine with `args`.
    fn run_resumed(&mut self, args: &[Value]) -> Result<(), LuaError> {
        if self.frames.is_empty() {
            // First resume: the function sits in slot 0.
            self.ensure_stack(1 + args.len() + 1);
            self.stack[1..1 + args.len()].copy_from_slice(args);
            self.top = 1 + args.len();
            if self.precall(0, args.len(), -1)? {
                if let Some(f) = self.frames.last_mut() {
                    f.fresh = true;
                }
                return self.execute();
            }
            return Ok(());
        }
        // After a yield: the yielding native's frame is on top; its results
        // are the resume arguments.
        let first = self.frames.last().map_or(0, |f| f.base);
        self.top = first;
        self.ensure_stack(first + args.len() + 1);
        self.stack[first..first + args.len()].copy_from_slice(args);
        self.top = first + args.len();
        let wanted = self.frames.last().map_or(-1, |f| f.nresults);
        self.hook_return()?;
        self.poscall(first, args.len());
        let Some(caller) = self.frames.last_mut() else {
            // The coroutine's body was the yielding native itself.
            return Ok(());
        };
        caller.pc += 1;
        if wanted >= 0 {
            if let Some(p) = &caller.proto {
                self.top = caller.base + p.max_stack;
            }
        }
        self.execute()
    }

    /// Yields from the running native function with its arguments as the
    /// values (lua_yield); the native returns the error this gives. Lua 5.1
    /// reports a yield from the main thread as a boundary crossing too (the
    /// interpreter runs the main chunk from C).
    pub fn yield_thread(&mut self) -> LuaError {
        let here = self.heap.thread(self.current_thread);
        if self.current_thread == MAIN_THREAD || self.c_depth != here.base_c_depth {
            let msg = self
                .heap
                .str_value(b"attempt to yield across metamethod/C-call boundary");
            return LuaError::Runtime(msg);
        }
        LuaError::Yield
    }
}
