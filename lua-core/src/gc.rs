//! The garbage collector: a stop-the-world mark and sweep over the heap's
//! arenas, with Lua 5.1's weak tables (`__mode`) and userdata finalizers
//! (`__gc`, newest first, resurrection allowed).
//!
//! It runs only at safe points (allocating VM instructions, budget
//! checkpoints, `collectgarbage`), where every live value is reachable from
//! the roots: the globals, the registry, the string metatable, the metamethod
//! names, and the stacks of the running and main threads. Native functions
//! keep the values they need across calls into Lua on the Lua stack.

use std::collections::HashSet;
use std::rc::Rc;

use crate::function::{Function, LoadedProto, Upval};
use crate::heap::{OBJECT_SIZE, STRING_OVERHEAD};
use crate::state::{LuaError, State, Tm};
use crate::table::Table;
use crate::value::Value;

/// Collection starts when the heap has grown to this percentage of what
/// the last collection left (Lua 5.1's default `setpause`).
pub const DEFAULT_PAUSE: u32 = 200;
/// Smallest heap size that triggers a collection, by default.
pub const MIN_THRESHOLD: usize = 256 * 1024;

/// Collector settings and pacing (collectgarbage's knobs).
pub struct GcState {
    /// Collect when `allocated` passes this.
    pub threshold: usize,
    /// `setpause` percentage.
    pub pause: u32,
    /// `setstepmul` percentage (kept for collectgarbage's answers; a full
    /// collection runs whenever one is due).
    pub stepmul: u32,
    /// `collectgarbage("stop")` was called.
    pub stopped: bool,
    /// The heap size below which no collection starts. Tests lower it to
    /// collect very often and so shake out values that natives forgot to
    /// keep reachable.
    pub min_threshold: usize,
    /// Userdata whose `__gc` is still to run, newest last; kept reachable
    /// until it has.
    pending: Vec<u32>,
}

impl Default for GcState {
    fn default() -> Self {
        GcState {
            threshold: MIN_THRESHOLD,
            pause: DEFAULT_PAUSE,
            stepmul: DEFAULT_PAUSE,
            stopped: false,
            min_threshold: MIN_THRESHOLD,
            pending: Vec::new(),
        }
    }
}

/// Which objects the mark phase reached.
#[derive(Default)]
struct Marks {
    strings: Vec<bool>,
    tables: Vec<bool>,
    functions: Vec<bool>,
    upvals: Vec<bool>,
    threads: Vec<bool>,
    userdata: Vec<bool>,
}

/// A reached object whose references are still to be followed.
enum Gray {
    Table(u32),
    Function(u32),
    Thread(u32),
    UserData(u32),
}

struct Marker {
    marks: Marks,
    gray: Vec<Gray>,
    protos: HashSet<*const LoadedProto>,
    /// Weak tables met, with (weak keys, weak values).
    weak: Vec<(u32, bool, bool)>,
}

fn set(v: &mut [bool], i: u32) -> bool {
    match v.get_mut(i as usize) {
        Some(m) if !*m => {
            *m = true;
            true
        }
        _ => false,
    }
}

impl Marker {
    fn value(&mut self, v: Value) {
        match v {
            Value::String(s) => {
                set(&mut self.marks.strings, s.idx);
            }
            Value::Table(t) => {
                if set(&mut self.marks.tables, t.0) {
                    self.gray.push(Gray::Table(t.0));
                }
            }
            Value::Function(f) => {
                if set(&mut self.marks.functions, f.0) {
                    self.gray.push(Gray::Function(f.0));
                }
            }
            Value::Thread(t) => self.thread(t),
            Value::UserData(u) => {
                if set(&mut self.marks.userdata, u) {
                    self.gray.push(Gray::UserData(u));
                }
            }
            Value::Nil | Value::Boolean(_) | Value::Number(_) | Value::LightUserData(_) => {}
        }
    }

    fn thread(&mut self, t: u32) {
        if set(&mut self.marks.threads, t) {
            self.gray.push(Gray::Thread(t));
        }
    }

    fn proto(&mut self, p: &Rc<LoadedProto>) {
        if !self.protos.insert(Rc::as_ptr(p)) {
            return;
        }
        for &k in &p.constants {
            self.value(k);
        }
        for inner in &p.protos {
            self.proto(inner);
        }
    }

    fn is_dead(&self, v: Value) -> bool {
        let marked = |m: &[bool], i: u32| m.get(i as usize).copied().unwrap_or(false);
        match v {
            Value::Table(t) => !marked(&self.marks.tables, t.0),
            Value::Function(f) => !marked(&self.marks.functions, f.0),
            Value::Thread(t) => !marked(&self.marks.threads, t),
            Value::UserData(u) => !marked(&self.marks.userdata, u),
            _ => false,
        }
    }
}

/// How much of a thread's stack is live: up to its top, or to the end of
/// the innermost Lua frame's registers (lgc.c's traversestack).
fn live_extent(
    heap: &crate::heap::Heap,
    stack: &[Value],
    top: usize,
    frames: &[crate::state::CallFrame],
) -> usize {
    let frame_top = frames.last().map_or(0, |f| match f.proto(heap, stack) {
        Some(p) => f.base + usize::from(p.info.max_stack_size),
        None => 0,
    });
    top.max(frame_top).min(stack.len())
}

impl State {
    /// How far the running thread's stack is in use: its top or the end of
    /// the innermost Lua frame's registers, whichever is higher. A handler
    /// called at an error point goes above it.
    pub fn stack_extent(&self) -> usize {
        live_extent(&self.heap, &self.stack, self.top, &self.frames)
    }

    /// Collects if the heap has passed its threshold; fails with `not enough
    /// memory` if it is still over the state's memory limit afterwards.
    #[inline]
    pub fn gc_check(&mut self) -> Result<(), LuaError> {
        if self.heap.allocated > self.gc.threshold {
            return self.gc_due();
        }
        Ok(())
    }

    #[cold]
    fn gc_due(&mut self) -> Result<(), LuaError> {
        let over_limit = |s: &State| s.memory_limit.is_some_and(|l| s.heap.allocated > l);
        if self.gc.stopped && !over_limit(self) {
            // Keep checking rarely rather than at every allocation.
            self.gc.threshold = self.heap.allocated.saturating_mul(2);
            return Ok(());
        }
        self.collect_garbage()?;
        if over_limit(self) {
            return Err(LuaError::Runtime(self.heap.str_value(b"not enough memory")));
        }
        Ok(())
    }

    /// Adds the table growth recorded since the last look to the heap's
    /// count (budget checkpoints and allocation checks call it). The growth
    /// is recorded per thread: an embedder that runs a state on one thread
    /// and later on another calls it when a run ends, so that nothing this
    /// state grew is left behind for another state of the old thread.
    pub fn account_table_growth(&mut self) {
        let g = crate::table::take_growth();
        self.heap.allocated = self.heap.allocated.saturating_add_signed(g);
    }

    /// A full collection (collectgarbage("collect")), then the finalizers of
    /// the userdata it found unreachable.
    pub fn collect_garbage(&mut self) -> Result<(), LuaError> {
        self.account_table_growth();
        let mut m = Marker {
            marks: Marks {
                strings: vec![false; self.heap.strings.capacity()],
                tables: vec![false; self.heap.tables.capacity()],
                functions: vec![false; self.heap.functions.capacity()],
                upvals: vec![false; self.heap.upvals.capacity()],
                threads: vec![false; self.heap.threads.capacity()],
                userdata: vec![false; self.heap.userdata.capacity()],
            },
            gray: Vec::new(),
            protos: HashSet::new(),
            weak: Vec::new(),
        };
        self.mark_roots(&mut m);
        self.propagate(&mut m);
        self.separate_finalizable(&mut m);
        self.propagate(&mut m);
        for &(t, keys, values) in &m.weak {
            self.heap.tables[t as usize].clear_weak(keys, values, |v| m.is_dead(v));
        }
        self.clear_dead_slots();
        self.sweep(&m.marks);
        // A pause under 100 (collectgarbage("setpause", 50)) would put the threshold
        // below the heap and collect at every allocation: 5.1's incremental collector
        // spreads that work, a full collection cannot, so the heap always grows by a
        // sixteenth first.
        let allocated = self.heap.allocated;
        let mut threshold = (allocated / 100)
            .saturating_mul(self.gc.pause as usize)
            .max(allocated.saturating_add(allocated / 16))
            .max(self.gc.min_threshold);
        if let Some(limit) = self.memory_limit {
            // Collect again before garbage alone could pass the limit.
            let headroom = limit.saturating_sub(self.heap.allocated);
            threshold = threshold.min(self.heap.allocated + headroom / 2);
        }
        self.gc.threshold = threshold;
        self.run_finalizers()
    }

    fn mark_roots(&self, m: &mut Marker) {
        m.value(Value::Table(self.globals));
        m.value(Value::Table(self.registry));
        for mt in self.string_mt.iter().chain(self.type_mts.iter().flatten()) {
            m.value(Value::Table(*mt));
        }
        for &s in &self.tm_names {
            m.value(Value::String(s));
        }
        m.thread(crate::coroutine::MAIN_THREAD);
        m.thread(self.current_thread);
        for &u in &self.gc.pending {
            m.value(Value::UserData(u));
        }
    }

    fn propagate(&self, m: &mut Marker) {
        while let Some(g) = m.gray.pop() {
            match g {
                Gray::Table(t) => self.traverse_table(m, t),
                Gray::Function(f) => match &self.heap.functions[f as usize] {
                    Function::Lua {
                        proto,
                        upvalues,
                        env,
                    } => {
                        m.value(Value::Table(*env));
                        m.proto(proto);
                        for &cell in upvalues {
                            self.mark_upval(m, cell);
                        }
                    }
                    Function::Native { env, .. } => m.value(Value::Table(*env)),
                    Function::Closure { upvalues, env, .. } => {
                        m.value(Value::Table(*env));
                        for &v in upvalues {
                            m.value(v);
                        }
                    }
                },
                Gray::Thread(t) => {
                    // The running thread's stack lives in the state itself.
                    let (stack, top, frames, open) = if t == self.current_thread {
                        (&self.stack, self.top, &self.frames, &self.open_upvals)
                    } else {
                        let th = self.heap.thread(t);
                        (&th.stack, th.top, &th.frames, &th.open_upvals)
                    };
                    for &v in &stack[..live_extent(&self.heap, stack, top, frames)] {
                        m.value(v);
                    }
                    m.value(self.thread_debug_hook(t).func);
                    for &(_, cell) in open {
                        set(&mut m.marks.upvals, cell);
                    }
                }
                Gray::UserData(u) => {
                    if let Some(mt) = self.heap.userdata(u).metatable {
                        m.value(Value::Table(mt));
                    }
                }
            }
        }
    }

    /// Clears the stack slots above each live thread's extent: stale
    /// registers were not marked, and nothing may read what was freed.
    fn clear_dead_slots(&mut self) {
        let lim = self.stack_extent();
        self.stack[lim..].fill(Value::Nil);
        for i in 0..self.heap.threads.capacity() {
            if self.heap.threads.in_use(i) && i as u32 != self.current_thread {
                let th = &self.heap.threads[i];
                let lim = live_extent(&self.heap, &th.stack, th.top, &th.frames);
                self.heap.threads[i].stack[lim..].fill(Value::Nil);
            }
        }
    }

    fn mark_upval(&self, m: &mut Marker, cell: u32) {
        if !set(&mut m.marks.upvals, cell) {
            return;
        }
        match self.heap.upvals[cell as usize] {
            Upval::Closed(v) => m.value(v),
            Upval::Open { thread, .. } => m.thread(thread),
        }
    }

    fn traverse_table(&self, m: &mut Marker, t: u32) {
        let table: &Table = &self.heap.tables[t as usize];
        let (mut weak_keys, mut weak_values) = (false, false);
        if let Some(mt) = table.metatable {
            m.value(Value::Table(mt));
            if let Value::String(mode) = self.heap.table(mt).get(self.tm_name(Tm::Mode)) {
                let mode = self.heap.str(mode);
                weak_keys = mode.contains(&b'k');
                weak_values = mode.contains(&b'v');
            }
        }
        if weak_keys || weak_values {
            m.weak.push((t, weak_keys, weak_values));
        }
        let (array, nodes) = table.entries();
        for &v in array {
            // Strings are values, never cleared from weak tables.
            if !weak_values || matches!(v, Value::String(_)) {
                m.value(v);
            }
        }
        for (k, v) in nodes {
            if !weak_keys || matches!(k, Value::String(_)) {
                m.value(k);
            }
            if !weak_values || matches!(v, Value::String(_)) {
                m.value(v);
            }
        }
    }

    /// Queues the unreachable userdata with a `__gc` not yet run, oldest
    /// first so that they run newest first, and marks them again: their
    /// finalizer will see them, and may resurrect them.
    fn separate_finalizable(&mut self, m: &mut Marker) {
        let mut doomed: Vec<u32> = (0..self.heap.userdata.capacity() as u32)
            .filter(|&u| {
                let i = u as usize;
                self.heap.userdata.in_use(i)
                    && !m.marks.userdata[i]
                    && !self.heap.userdata[i].finalized
                    && !matches!(self.get_tm(Value::UserData(u), Tm::Gc), Value::Nil)
            })
            .collect();
        doomed.sort_by_key(|&u| self.heap.userdata(u).serial);
        for &u in &doomed {
            self.heap.userdata[u as usize].finalized = true;
            m.value(Value::UserData(u));
        }
        self.gc.pending.splice(0..0, doomed);
    }

    fn sweep(&mut self, marks: &Marks) {
        let heap = &mut self.heap;
        let value = std::mem::size_of::<Value>();
        // Strings also leave the intern index, so they go one by one.
        let mut allocated = 0usize;
        for i in 0..heap.strings.capacity() {
            if !heap.strings.in_use(i) {
                continue;
            }
            if marks.strings[i] {
                allocated += heap.strings[i].len() + STRING_OVERHEAD;
            } else {
                heap.free_string(i);
            }
        }
        allocated += heap.tables.sweep(
            &marks.tables,
            |t| OBJECT_SIZE + t.mem_size(),
            Table::placeholder,
        );
        let globals = self.globals;
        allocated += heap.functions.sweep(
            &marks.functions,
            |_| OBJECT_SIZE,
            || Function::dead(globals),
        );
        allocated += heap.upvals.sweep(
            &marks.upvals,
            |_| OBJECT_SIZE / 2,
            || Upval::Closed(Value::Nil),
        );
        allocated += heap.threads.sweep(
            &marks.threads,
            |t| OBJECT_SIZE + t.stack.capacity() * value,
            // An empty slot, as the main thread's starts: no stack to allocate.
            crate::coroutine::Thread::main,
        );
        allocated += heap.userdata.sweep(
            &marks.userdata,
            |_| OBJECT_SIZE,
            || crate::heap::UserData {
                metatable: None,
                serial: 0,
                finalized: true,
            },
        );
        heap.allocated = allocated + self.stack.capacity() * value;
    }

    fn run_finalizers(&mut self) -> Result<(), LuaError> {
        while let Some(u) = self.gc.pending.pop() {
            let f = self.get_tm(Value::UserData(u), Tm::Gc);
            if !matches!(f, Value::Nil) {
                self.call_value(f, &[Value::UserData(u)])?;
            }
        }
        Ok(())
    }
}
