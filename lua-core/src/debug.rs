//! Introspection of call frames and functions (ldebug.c: lua_getstack,
//! lua_getinfo, lua_getlocal, lua_getupvalue), for tracebacks and the
//! debug library. Levels count frames from the innermost (level 0 is the
//! running function), on the running thread or on a suspended coroutine.

use crate::errors::local_name;
use crate::function::Function;
use crate::opcode::{get_a, get_op, OpCode};
use crate::proto::{chunk_id, LUA_IDSIZE};
use crate::state::{CallFrame, State};
use crate::value::Value;

/// What `debug.getinfo`'s "S" and "u" options describe of a function.
pub struct FunctionInfo {
    /// The chunk name (`@file.lua`, `=stdin`, source text), `=[C]` for natives.
    pub source: Vec<u8>,
    /// The chunk name as messages show it.
    pub short_src: Vec<u8>,
    /// `"Lua"`, `"main"` or `"C"`.
    pub what: &'static str,
    /// Line where the function starts (0 for a main chunk, -1 for natives).
    pub line_defined: i64,
    /// Line where it ends (-1 for natives).
    pub last_line_defined: i64,
    /// Number of upvalues.
    pub nups: usize,
    /// Lines that have code, for the "L" option (Lua functions only).
    pub active_lines: Vec<u32>,
}

/// The frames and stack of a thread, wherever they are kept.
pub struct ThreadView<'a> {
    frames: &'a [CallFrame],
    stack: &'a [Value],
    heap: &'a crate::heap::Heap,
    /// The thread is the main one, called from the host (its traceback
    /// ends with the host's `[C]: ?`).
    main: bool,
}

impl ThreadView<'_> {
    /// The prototype of frame `fi`, `None` for a native frame.
    fn proto(&self, fi: usize) -> Option<&crate::function::LoadedProto> {
        Some(self.frames.get(fi)?.proto(self.heap, self.stack)?)
    }
}

impl State {
    /// The running thread's frames.
    pub fn running_view(&self) -> ThreadView<'_> {
        ThreadView {
            frames: &self.frames,
            stack: &self.stack,
            heap: &self.heap,
            main: self.current_thread == crate::coroutine::MAIN_THREAD,
        }
    }

    /// A coroutine's frames: the running thread's own when `co` runs.
    pub fn thread_view(&self, co: u32) -> ThreadView<'_> {
        if co == self.current_thread {
            return self.running_view();
        }
        let t = self.heap.thread(co);
        ThreadView {
            frames: &t.frames,
            stack: &t.stack,
            heap: &self.heap,
            main: co == crate::coroutine::MAIN_THREAD,
        }
    }

    /// The call-site name of frame `fi` of a thread (ldebug.c's
    /// getfuncname): `("global", "print")`, `("method", "rep")`, or `None`
    /// when the caller is native or the frame was tail-called.
    pub(crate) fn frame_name(
        &self,
        view: &ThreadView<'_>,
        fi: usize,
    ) -> Option<(&'static str, String)> {
        if view.frames.get(fi)?.tail_calls > 0 {
            return None;
        }
        let caller = view.frames.get(fi.checked_sub(1)?)?;
        let p = view.proto(fi - 1)?;
        let i = *p.code.get(caller.pc)?;
        match get_op(i) {
            OpCode::Call | OpCode::TailCall | OpCode::TForLoop => {
                self.obj_name(p, caller.pc, get_a(i) as usize)
            }
            _ => None,
        }
    }

    /// Index into `view`'s frames of call level `level`, if that deep.
    pub fn frame_at(view: &ThreadView<'_>, level: usize) -> Option<usize> {
        view.frames.len().checked_sub(level + 1)
    }

    /// The function running in frame `fi`.
    pub fn frame_function(view: &ThreadView<'_>, fi: usize) -> Value {
        view.stack[view.frames[fi].func]
    }

    /// The line frame `fi` is executing, -1 for a native frame.
    pub fn frame_line(view: &ThreadView<'_>, fi: usize) -> i64 {
        let f = &view.frames[fi];
        match view.proto(fi) {
            Some(p) => p.info.line_info.get(f.pc).map_or(-1, |&l| i64::from(l)),
            None => -1,
        }
    }

    /// The call-site name of frame `fi` of `view`.
    pub fn frame_call_name(
        &self,
        view: &ThreadView<'_>,
        fi: usize,
    ) -> Option<(&'static str, String)> {
        self.frame_name(view, fi)
    }

    /// Local `n` (1-based) of frame `fi`: its name and stack slot
    /// (lua_getlocal: a Lua local's name, `(*temporary)` for other live
    /// slots of the frame).
    pub fn frame_local(view: &ThreadView<'_>, fi: usize, n: usize) -> Option<(Vec<u8>, usize)> {
        let f = view.frames.get(fi)?;
        if n == 0 {
            return None;
        }
        if let Some(p) = view.proto(fi) {
            if let Some(name) = local_name(p, n, f.pc) {
                return Some((name.to_vec(), f.base + n - 1));
            }
        }
        let limit = match view.frames.get(fi + 1) {
            Some(next) => next.func,
            None => view.stack.len(),
        };
        (limit.saturating_sub(f.base) >= n).then(|| (b"(*temporary)".to_vec(), f.base + n - 1))
    }

    /// What getinfo says of function `f` (lua_getinfo's "S" and "u").
    pub fn function_info(&self, f: Value) -> FunctionInfo {
        let native = |nups: usize| FunctionInfo {
            source: b"=[C]".to_vec(),
            short_src: b"[C]".to_vec(),
            what: "C",
            line_defined: -1,
            last_line_defined: -1,
            nups,
            active_lines: Vec::new(),
        };
        let Value::Function(fr) = f else {
            return native(0);
        };
        match self.heap.function(fr) {
            Function::Lua { proto, .. } => {
                let info = &proto.info;
                let mut lines = info.line_info.clone();
                lines.sort_unstable();
                lines.dedup();
                FunctionInfo {
                    source: info.source.to_vec(),
                    short_src: chunk_id(&info.source, LUA_IDSIZE),
                    what: if info.line_defined == 0 {
                        "main"
                    } else {
                        "Lua"
                    },
                    line_defined: i64::from(info.line_defined),
                    last_line_defined: i64::from(info.last_line_defined),
                    nups: usize::from(info.num_upvalues),
                    active_lines: lines,
                }
            }
            Function::Native { .. } => native(0),
            Function::Closure { upvalues, .. } => native(upvalues.len()),
        }
    }

    /// Upvalue `n` (1-based) of function `f`: its name (empty for natives)
    /// and value (lua_getupvalue).
    pub fn upvalue(&self, f: Value, n: usize) -> Option<(Vec<u8>, Value)> {
        let Value::Function(fr) = f else { return None };
        let i = n.checked_sub(1)?;
        match self.heap.function(fr) {
            Function::Lua {
                proto, upvalues, ..
            } => {
                let cell = *upvalues.get(i)?;
                let name = proto.info.upvalue_names.get(i).map_or(&[][..], |n| n);
                Some((name.to_vec(), self.get_upval(cell)))
            }
            Function::Closure { upvalues, .. } => Some((Vec::new(), *upvalues.get(i)?)),
            Function::Native { .. } => None,
        }
    }

    /// Sets upvalue `n` of `f`, returning its name (lua_setupvalue).
    pub fn set_upvalue(&mut self, f: Value, n: usize, v: Value) -> Option<Vec<u8>> {
        let Value::Function(fr) = f else { return None };
        let i = n.checked_sub(1)?;
        match self.heap.function_mut(fr) {
            Function::Lua {
                proto, upvalues, ..
            } => {
                let cell = *upvalues.get(i)?;
                let name = proto
                    .info
                    .upvalue_names
                    .get(i)
                    .map_or(&[][..], |n| n)
                    .to_vec();
                self.set_upval(cell, v);
                Some(name)
            }
            Function::Closure { upvalues, .. } => {
                *upvalues.get_mut(i)? = v;
                Some(Vec::new())
            }
            Function::Native { .. } => None,
        }
    }

    /// lua5.1's `stack traceback:` of the running thread from level 0.
    pub fn traceback(&self) -> Vec<u8> {
        self.traceback_of(&self.running_view(), 0)
    }

    /// `stack traceback:` of `view` from call level `level` (ldblib.c's
    /// db_errorfb): at most 12 + 10 levels with `...` between; the main
    /// thread's ends with the host's own call, `[C]: ?`.
    pub fn traceback_of(&self, view: &ThreadView<'_>, level: usize) -> Vec<u8> {
        let mut out = b"stack traceback:".to_vec();
        let mut lines = Vec::new();
        let top = view.frames.len().saturating_sub(level);
        for fi in (0..top).rev() {
            let f = &view.frames[fi];
            let proto = view.proto(fi);
            let mut line = Vec::new();
            match proto {
                Some(p) => {
                    line.extend_from_slice(&chunk_id(&p.info.source, LUA_IDSIZE));
                    let cur = State::frame_line(view, fi);
                    line.extend_from_slice(format!(":{cur}:").as_bytes());
                }
                None => line.extend_from_slice(b"[C]:"),
            }
            match self.frame_call_name(view, fi) {
                Some((_, name)) => {
                    line.extend_from_slice(format!(" in function '{name}'").as_bytes())
                }
                None => match proto {
                    Some(p) if p.info.line_defined == 0 => {
                        line.extend_from_slice(b" in main chunk")
                    }
                    Some(p) => {
                        line.extend_from_slice(b" in function <");
                        line.extend_from_slice(&chunk_id(&p.info.source, LUA_IDSIZE));
                        line.extend_from_slice(format!(":{}>", p.info.line_defined).as_bytes());
                    }
                    None => line.extend_from_slice(b" ?"),
                },
            }
            lines.push(line);
            for _ in 0..f.tail_calls {
                lines.push(b"(tail call): ?".to_vec());
            }
        }
        if view.main {
            lines.push(b"[C]: ?".to_vec());
        }
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            if n > 22 && i == 12 {
                out.extend_from_slice(b"\n\t...");
            }
            if n > 22 && (12..n - 10).contains(&i) {
                continue;
            }
            out.extend_from_slice(b"\n\t");
            out.extend_from_slice(line);
        }
        out
    }
}
