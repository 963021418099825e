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
    /// The coroutine yielded or returned this many values, now pushed on
    /// the resumer's stack.
    Values(usize),
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

    /// Resumes coroutine `co` (lua_resume) with the `nargs` values at
    /// `stack[first..]` of the running thread as its arguments; what it
    /// yields or returns is pushed on the running thread's stack, moved
    /// stack to stack. An error that cannot be caught (interrupt, budget)
    /// kills the coroutine and propagates.
    pub fn resume(&mut self, co: u32, first: usize, nargs: usize) -> Result<Resumed, LuaError> {
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
        let outcome = self.run_resumed(from, first, nargs);
        let result = match outcome {
            Ok(()) => {
                let end = self.top;
                self.finish_thread(co, from, ThreadStatus::Dead);
                Ok(self.push_from_thread(co, 0, end))
            }
            Err(LuaError::Yield) => {
                let (start, end) = (self.frames.last().map_or(self.top, |f| f.base), self.top);
                self.finish_thread(co, from, ThreadStatus::Suspended);
                Ok(self.push_from_thread(co, start, end))
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

    /// Pushes `stack[start..end]` of the parked thread `t` on the running
    /// thread's stack.
    fn push_from_thread(&mut self, t: u32, start: usize, end: usize) -> Resumed {
        let n = end.saturating_sub(start);
        let at = self.top;
        self.copy_from_thread(t, start, n, at);
        self.top = at + n;
        Resumed::Values(n)
    }

    /// Copies `n` values from `stack[start..]` of the parked thread `t` to
    /// the running thread's `stack[to..]`, growing it as needed.
    #[inline(always)]
    fn copy_from_thread(&mut self, t: u32, start: usize, n: usize, to: usize) {
        self.ensure_stack(to + n + 1);
        let Some(src) = self.heap.thread(t).stack.get(start..start + n) else {
            return;
        };
        // None or one value is the usual case: no memcpy call for those.
        match src {
            [] => {}
            [v] => self.stack[to] = *v,
            _ => self.stack[to..to + n].copy_from_slice(src),
        }
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

    /// Starts or continues the running coroutine with the `nargs` values
    /// at `stack[first..]` of the parked thread `from` as arguments.
    fn run_resumed(&mut self, from: u32, first: usize, nargs: usize) -> Result<(), LuaError> {
        if self.frames.is_empty() {
            // First resume: the function sits in slot 0.
            self.copy_from_thread(from, first, nargs, 1);
            self.top = 1 + nargs;
            if self.precall(0, nargs, -1)? {
                if let Some(f) = self.frames.last_mut() {
                    f.fresh = true;
                }
                return self.execute();
            }
            return Ok(());
        }
        // After a yield: the yielding native's frame is on top; its results
        // are the resume arguments.
        let at = self.frames.last().map_or(0, |f| f.base);
        self.copy_from_thread(from, first, nargs, at);
        self.top = at + nargs;
        let wanted = self.frames.last().map_or(-1, |f| f.nresults);
        self.hook_return()?;
        self.poscall(at, nargs);
        let Some(caller) = self.frames.last_mut() else {
            // The coroutine's body was the yielding native itself.
            return Ok(());
        };
        caller.pc += 1;
        let caller = *caller;
        if wanted >= 0 {
            if let Some(p) = caller.proto(&self.heap, &self.stack) {
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
