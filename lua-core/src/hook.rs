//! Debug hooks (`debug.sethook`): lua5.1's call, return, tail return, line
//! and count events (ldo.c's luaD_callhook and callrethooks, lvm.c's
//! traceexec, ldblib.c's hookf).
//!
//! Every thread has its own [`DebugHook`]; the running thread's is the
//! state's. While it has a mask the VM runs the hooked instance of its
//! dispatch loop, which traces each instruction; without one the loop has
//! no hook code at all, and only calls of native functions look at the mask.
//! A hook is a Lua function called with the event name and, for line
//! events, the line; hooks do not fire while a hook of the same thread runs.
//!
//! The loop changes mode after a native function called from Lua code sets
//! or clears the hook (`debug.sethook`, `pcall(debug.sethook, ...)`, a
//! coroutine setting the hook of the thread that resumed it). A hook set
//! inside a metamethod or a `for ... in` iterator reaches the Lua code that
//! triggered it only at that code's next native call, where lua5.1 starts
//! at once.

use crate::state::{LuaError, State};
use crate::value::Value;

/// Mask bit: a function is called (LUA_MASKCALL).
pub const MASK_CALL: u8 = 1;
/// Mask bit: a function returns (LUA_MASKRET).
pub const MASK_RET: u8 = 2;
/// Mask bit: a new line is reached (LUA_MASKLINE).
pub const MASK_LINE: u8 = 4;
/// Mask bit: every `count` instructions (LUA_MASKCOUNT).
pub const MASK_COUNT: u8 = 8;

/// A thread's hook (lua_State's hook, hookmask, basehookcount, hookcount
/// and allowhook).
#[derive(Clone, Copy, Debug)]
pub struct DebugHook {
    /// The function `debug.sethook` gave for the thread (ldblib.c keeps it
    /// in a table by thread), kept even while the mask is empty.
    pub func: Value,
    /// Events to report (`MASK_*` bits); zero when no hook is set.
    pub mask: u8,
    /// The `count` argument of `debug.sethook`.
    pub base_count: i32,
    /// Instructions left until the next count event.
    pub count: i32,
    /// False while one of this thread's hooks runs.
    pub allowed: bool,
}

impl DebugHook {
    /// No hook.
    pub const NONE: DebugHook = DebugHook {
        func: Value::Nil,
        mask: 0,
        base_count: 0,
        count: 0,
        allowed: true,
    };

    /// The hook a coroutine created under this one starts with:
    /// lua_newthread copies the creator's mask and count but ldblib.c finds
    /// no function for the new thread, so its events call nothing.
    pub fn inherited(&self) -> DebugHook {
        DebugHook {
            func: Value::Nil,
            count: self.base_count,
            allowed: true,
            ..*self
        }
    }
}

/// What a hook reports.
#[derive(Clone, Copy)]
enum Event {
    Call,
    Return,
    Line,
    Count,
    TailReturn,
}

impl Event {
    /// The name the hook function receives (ldblib.c's hooknames).
    fn name(self) -> &'static [u8] {
        match self {
            Event::Call => b"call",
            Event::Return => b"return",
            Event::Line => b"line",
            Event::Count => b"count",
            Event::TailReturn => b"tail return",
        }
    }
}

/// The mask `debug.sethook` makes of its letters and count (ldblib.c's
/// makemask; the letters end at a NUL, as C's strchr reads them).
pub fn mask_from_letters(letters: &[u8], count: i32) -> u8 {
    let letters = letters.split(|&b| b == 0).next().unwrap_or_default();
    let mut mask = 0;
    for (letter, bit) in [(b'c', MASK_CALL), (b'r', MASK_RET), (b'l', MASK_LINE)] {
        if letters.contains(&letter) {
            mask |= bit;
        }
    }
    if count > 0 {
        mask |= MASK_COUNT;
    }
    mask
}

/// The letters `debug.gethook` shows for a mask (ldblib.c's unmakemask).
pub fn mask_letters(mask: u8) -> String {
    [(b'c', MASK_CALL), (b'r', MASK_RET), (b'l', MASK_LINE)]
        .iter()
        .filter(|&&(_, bit)| mask & bit != 0)
        .map(|&(letter, _)| char::from(letter))
        .collect()
}

impl State {
    /// Sets the hook of thread `thread` (lua_sethook plus ldblib.c's hook
    /// table): `func` is what [`State::debug_hook`] reports; events fire
    /// only for a non-empty `mask` (`MASK_*` bits), count events every
    /// `count` instructions.
    pub fn set_debug_hook(&mut self, thread: u32, func: Value, mask: u8, count: i32) {
        let hook = DebugHook {
            func,
            mask,
            base_count: count,
            count,
            allowed: self.thread_debug_hook(thread).allowed,
        };
        if thread == self.current_thread {
            self.debug_hook = hook;
        } else {
            self.heap.thread_mut(thread).debug_hook = hook;
        }
    }

    /// The hook of thread `thread`.
    pub fn thread_debug_hook(&self, thread: u32) -> DebugHook {
        if thread == self.current_thread {
            self.debug_hook
        } else {
            self.heap.thread(thread).debug_hook
        }
    }

    /// Fires `event` at the running thread's hook function, unless a hook
    /// is running already (luaD_callhook).
    #[cold]
    #[inline(never)]
    fn fire_hook(&mut self, event: Event, line: Option<u32>) -> Result<(), LuaError> {
        let hook = self.debug_hook;
        if !hook.allowed || !matches!(hook.func, Value::Function(_)) {
            return Ok(());
        }
        let name = self.str_value(event.name());
        let at = self.top;
        self.ensure_stack(at + 3);
        self.stack[at] = hook.func;
        self.stack[at + 1] = name;
        self.stack[at + 2] = line.map_or(Value::Nil, |l| Value::Number(f64::from(l)));
        self.top = at + 3;
        self.debug_hook.allowed = false;
        let r = self.call(at, 2, 0);
        self.debug_hook.allowed = true;
        self.top = at;
        r
    }

    /// The call event of the function whose frame was just pushed.
    #[inline]
    pub(crate) fn hook_call(&mut self) -> Result<(), LuaError> {
        if self.debug_hook.mask & MASK_CALL != 0 {
            return self.fire_hook(Event::Call, None);
        }
        Ok(())
    }

    /// Runs the native function of the frame just pushed (its arguments
    /// from `base`) between its call and return events, and finishes the
    /// call (precall's native branch while a hook is set).
    #[cold]
    #[inline(never)]
    pub(crate) fn run_native_hooked(
        &mut self,
        f: &dyn Fn(&mut State, usize) -> Result<usize, LuaError>,
        nargs: usize,
    ) -> Result<bool, LuaError> {
        self.hook_call()?;
        let n = f(self, nargs)?;
        self.finish_native_hooked(n)
    }

    /// Finishes a native call that left `n` results below `top`, after its
    /// return event (the native may have set the hook itself).
    #[cold]
    #[inline(never)]
    pub(crate) fn finish_native_hooked(&mut self, n: usize) -> Result<bool, LuaError> {
        self.hook_return()?;
        self.poscall(self.top - n, n);
        Ok(false)
    }

    /// Stops the dispatch loop after a native call set or cleared the hook:
    /// the caller's frame resumes after the call, in the other mode.
    #[cold]
    #[inline(never)]
    pub(crate) fn leave_for_hook_switch(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.pc += 1;
        }
        self.hook_switch = true;
    }

    /// The return event of the function whose frame is about to be popped
    /// (its results below `top`), then a tail return event for each tail
    /// call that frame replaced (callrethooks).
    #[inline]
    pub(crate) fn hook_return(&mut self) -> Result<(), LuaError> {
        if self.debug_hook.mask & MASK_RET != 0 {
            return self.fire_return_hooks();
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn fire_return_hooks(&mut self) -> Result<(), LuaError> {
        self.fire_hook(Event::Return, None)?;
        // The count goes down as the events fire: a hook asking for the
        // frame's name gets it only at the last one, as in lua5.1.
        while let Some(frame) = self.frames.last_mut() {
            if frame.tail_calls == 0 {
                break;
            }
            frame.tail_calls -= 1;
            self.fire_hook(Event::TailReturn, None)?;
        }
        Ok(())
    }

    /// Count and line events before instruction `npc` of the running Lua
    /// frame (traceexec), whose pc is saved. `oldpc` is one past the
    /// instruction that ran before it in this frame (lua5.1's saved pc),
    /// or where the frame was entered or re-entered.
    #[cold]
    #[inline(never)]
    pub(crate) fn trace_exec(
        &mut self,
        npc: usize,
        oldpc: usize,
        line_info: &[u32],
    ) -> Result<(), LuaError> {
        let mask = self.debug_hook.mask;
        self.debug_hook.count = self.debug_hook.count.wrapping_sub(1);
        if mask & MASK_COUNT != 0 && self.debug_hook.count == 0 {
            self.debug_hook.count = self.debug_hook.base_count;
            self.fire_hook(Event::Count, None)?;
        }
        if mask & MASK_LINE != 0 {
            // Code without line information is all on line 0 (getline).
            let line_at = |pc: usize| line_info.get(pc).copied().unwrap_or_default();
            let line = line_at(npc);
            let old_line = oldpc.checked_sub(1).map(line_at);
            // A new function, a jump back (loops), or a new line.
            if npc == 0 || npc < oldpc || old_line != Some(line) {
                self.fire_hook(Event::Line, Some(line))?;
            }
        }
        Ok(())
    }

    /// A tail call of the Lua function at `func` with the hooked loop: its
    /// frame is pushed above the caller's, so the call event can name it
    /// from the call site, and then takes the caller's place.
    pub(crate) fn tail_call_hooked(&mut self, func: usize, nargs: usize) -> Result<(), LuaError> {
        let fi = self.frames.len() - 1;
        if !self.precall(func, nargs, -1)? {
            return Ok(());
        }
        self.hook_call()?;
        let caller = &self.frames[fi];
        let (to, base, wanted, fresh, tails) = (
            caller.func,
            caller.base,
            caller.nresults,
            caller.fresh,
            caller.tail_calls,
        );
        self.close_upvals(base);
        let delta = func - to;
        self.stack.copy_within(func..self.top, to);
        self.top -= delta;
        let Some(mut callee) = self.frames.pop() else {
            return Ok(());
        };
        callee.func -= delta;
        callee.base -= delta;
        callee.nresults = wanted;
        callee.fresh = fresh;
        callee.tail_calls = tails.saturating_add(1);
        self.frames[fi] = callee;
        Ok(())
    }
}
