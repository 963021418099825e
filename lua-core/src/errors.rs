//! Error construction: positions (`chunk:line:`), variable names for type
//! errors (a port of ldebug.c's getobjname), and argument checks for natives.

use crate::number::str_to_number;
use crate::opcode::{get_a, get_b, get_bx, get_c, get_op, get_sbx, index_k, is_k, OpCode};
use crate::proto::{chunk_id, LUA_IDSIZE};
use crate::state::{LuaError, State};
use crate::value::{TableRef, Value};

impl State {
    /// `chunk:line:` of frame `fi` if it is a Lua frame.
    pub fn where_(&self, fi: usize) -> Vec<u8> {
        if let Some(f) = self.frames.get(fi) {
            if let Some(p) = self.frame_proto(fi) {
                let mut out = chunk_id(&p.info.source, LUA_IDSIZE);
                let line = p.info.line_info.get(f.pc).copied().unwrap_or(0);
                out.extend_from_slice(format!(":{line}: ").as_bytes());
                return out;
            }
        }
        Vec::new()
    }

    /// A runtime error with the position of the innermost Lua frame (the
    /// running one for VM errors, the caller for errors raised by natives).
    pub fn rt_error(&mut self, msg: &str) -> LuaError {
        self.rt_error_bytes(msg.as_bytes())
    }

    /// [`State::rt_error`] for byte messages.
    pub fn rt_error_bytes(&mut self, msg: &[u8]) -> LuaError {
        let n = self.frames.len();
        let fi = match self.frames.last() {
            Some(f) if f.proto(&self.heap, &self.stack).is_none() => n.wrapping_sub(2),
            _ => n.wrapping_sub(1),
        };
        let mut out = self.where_(fi);
        out.extend_from_slice(msg);
        LuaError::Runtime(self.heap.str_value(&out))
    }

    /// A runtime error positioned as luaG_runerror does: at the running
    /// frame if it is a Lua frame, with no position if it is native.
    pub fn vm_error(&mut self, msg: &str) -> LuaError {
        let mut out = self.where_(self.frames.len().wrapping_sub(1));
        out.extend_from_slice(msg.as_bytes());
        LuaError::Runtime(self.heap.str_value(&out))
    }

    /// Describes the variable held in stack slot `idx` of the running Lua
    /// frame, e.g. `global 'x'`.
    fn var_info(&self, idx: Option<usize>) -> Option<String> {
        let f = self.frames.last()?;
        let p = f.proto(&self.heap, &self.stack)?;
        let idx = idx?;
        if idx < f.base || idx >= f.base + usize::from(p.info.max_stack_size) {
            return None;
        }
        let (kind, name) = self.obj_name(p, f.pc, idx - f.base)?;
        Some(format!("{kind} '{name}'"))
    }

    pub(crate) fn obj_name(
        &self,
        p: &crate::function::LoadedProto,
        pc: usize,
        reg: usize,
    ) -> Option<(&'static str, String)> {
        if let Some(name) = local_name(p, reg + 1, pc) {
            return Some(("local", String::from_utf8_lossy(name).into_owned()));
        }
        let i = sym_exec(p, pc, reg)?;
        let kname = |c: u32| -> String {
            if is_k(c) {
                if let Some(Value::String(s)) = p.constants.get(index_k(c) as usize) {
                    return String::from_utf8_lossy(self.heap.str(*s)).into_owned();
                }
            }
            "?".into()
        };
        match get_op(i) {
            OpCode::GetGlobal => Some(("global", kname(get_bx(i) | crate::opcode::BITRK))),
            OpCode::Move => {
                let (a, b) = (get_a(i) as usize, get_b(i) as usize);
                if b < a {
                    self.obj_name(p, pc, b)
                } else {
                    None
                }
            }
            OpCode::GetTable => Some(("field", kname(get_c(i)))),
            OpCode::GetUpval => {
                let name = p
                    .info
                    .upvalue_names
                    .get(get_b(i) as usize)
                    .map_or("?".into(), |n| String::from_utf8_lossy(n).into_owned());
                Some(("upvalue", name))
            }
            OpCode::SelfOp => Some(("method", kname(get_c(i)))),
            _ => None,
        }
    }

    /// `attempt to OP VAR (a TYPE value)`.
    pub fn type_error(&mut self, v: Value, op: &str, idx: Option<usize>) -> LuaError {
        let t = v.type_name();
        let msg = match self.var_info(idx) {
            Some(info) => format!("attempt to {op} {info} (a {t} value)"),
            None => format!("attempt to {op} a {t} value"),
        };
        self.vm_error(&msg)
    }

    /// Comparison error between two values.
    pub fn order_error(&mut self, a: Value, b: Value) -> LuaError {
        let (t1, t2) = (a.type_name(), b.type_name());
        if t1 == t2 {
            self.vm_error(&format!("attempt to compare two {t1} values"))
        } else {
            self.vm_error(&format!("attempt to compare {t1} with {t2}"))
        }
    }

    /// How the running function was named at its call site (ldebug.c's
    /// getfuncname): `("global", "print")`, `("method", "rep")`, ... or
    /// `None` when a native called it (pcall, sort) and there is no name.
    pub fn calling_name(&self) -> Option<(&'static str, String)> {
        self.frame_name(&self.running_view(), self.frames.len().checked_sub(1)?)
    }

    /// `bad argument #N to 'fname' (msg)` (luaL_argerror): the name is the
    /// one at the call site, and a method call does not count `self`.
    pub fn arg_error(&mut self, n: usize, msg: &str) -> LuaError {
        let (kind, name) = self.calling_name().unwrap_or_else(|| ("", "?".to_string()));
        if kind == "method" {
            if n == 1 {
                return self.rt_error(&format!("calling '{name}' on bad self ({msg})"));
            }
            return self.rt_error(&format!("bad argument #{} to '{name}' ({msg})", n - 1));
        }
        self.rt_error(&format!("bad argument #{n} to '{name}' ({msg})"))
    }

    /// `bad argument #N to 'fname' (T expected, got U)`.
    pub fn type_arg_error(&mut self, n: usize, expected: &str) -> LuaError {
        let got = match self.arg(n) {
            Value::Nil if n > self.frames.last().map_or(0, |f| f.nargs) => "no value",
            v => v.type_name(),
        };
        self.arg_error(n, &format!("{expected} expected, got {got}"))
    }

    /// Argument `n` as a number (strings convert).
    pub fn check_number(&mut self, n: usize) -> Result<f64, LuaError> {
        match self.to_number(self.arg(n)) {
            Some(x) => Ok(x),
            None => Err(self.type_arg_error(n, "number")),
        }
    }

    /// Optional number argument.
    pub fn opt_number(&mut self, n: usize, default: f64) -> Result<f64, LuaError> {
        match self.arg(n) {
            Value::Nil => Ok(default),
            _ => self.check_number(n),
        }
    }

    /// Argument `n` as an integer (`luaL_checkinteger`: C's `(long)` cast).
    pub fn check_int(&mut self, n: usize) -> Result<i64, LuaError> {
        Ok(crate::number::to_c_long(self.check_number(n)?))
    }

    /// Optional integer argument (`luaL_optinteger`).
    pub fn opt_int(&mut self, n: usize, default: i64) -> Result<i64, LuaError> {
        match self.arg(n) {
            Value::Nil => Ok(default),
            _ => self.check_int(n),
        }
    }

    /// Argument `n` as a C `int` (`luaL_checkint`: the `long` truncated to
    /// 32 bits, so `2^32 + 3` is 3).
    pub fn check_c_int(&mut self, n: usize) -> Result<i32, LuaError> {
        Ok(self.check_int(n)? as i32)
    }

    /// Optional C `int` argument (`luaL_optint`).
    pub fn opt_c_int(&mut self, n: usize, default: i32) -> Result<i32, LuaError> {
        match self.arg(n) {
            Value::Nil => Ok(default),
            _ => self.check_c_int(n),
        }
    }

    /// Argument `n` as string bytes (numbers convert).
    pub fn check_string(&mut self, n: usize) -> Result<Vec<u8>, LuaError> {
        match self.arg(n) {
            Value::String(s) => Ok(self.heap.str(s).to_vec()),
            Value::Number(x) => Ok(crate::number::fmt_number(x).into_bytes()),
            _ => Err(self.type_arg_error(n, "string")),
        }
    }

    /// Argument `n` as a table.
    pub fn check_table(&mut self, n: usize) -> Result<TableRef, LuaError> {
        match self.arg(n) {
            Value::Table(t) => Ok(t),
            _ => Err(self.type_arg_error(n, "table")),
        }
    }

    /// Argument `n` must be present (any value, even nil if passed).
    pub fn check_any(&mut self, n: usize) -> Result<Value, LuaError> {
        if n > self.frames.last().map_or(0, |f| f.nargs) {
            return Err(self.arg_error(n, "value expected"));
        }
        Ok(self.arg(n))
    }

    /// Number coercion (strings via luaO_str2d).
    #[inline]
    pub fn to_number(&self, v: Value) -> Option<f64> {
        match v {
            Value::Number(n) => Some(n),
            Value::String(s) => str_to_number(self.heap.str(s)),
            _ => None,
        }
    }
}

/// Name of the `n`th (1-based) local active at `pc` (luaF_getlocalname).
pub(crate) fn local_name(
    p: &crate::function::LoadedProto,
    mut n: usize,
    pc: usize,
) -> Option<&[u8]> {
    for lv in &p.info.local_vars {
        if lv.start_pc as usize > pc {
            break;
        }
        if pc < lv.end_pc as usize {
            n -= 1;
            if n == 0 {
                return Some(&lv.name);
            }
        }
    }
    None
}

/// The last instruction before `lastpc` that wrote register `reg`
/// (the essentials of ldebug.c symbexec).
fn sym_exec(p: &crate::function::LoadedProto, lastpc: usize, reg: usize) -> Option<u32> {
    let mut last: Option<usize> = None;
    let mut pc = 0;
    while pc < lastpc && pc < p.code.len() {
        let i = p.code[pc];
        let a = get_a(i) as usize;
        match get_op(i) {
            OpCode::LoadNil => {
                if a <= reg && reg <= get_b(i) as usize {
                    last = Some(pc);
                }
            }
            OpCode::Call | OpCode::TailCall => {
                if reg >= a {
                    last = Some(pc);
                }
            }
            OpCode::TForLoop => {
                if reg >= a + 2 {
                    last = Some(pc);
                }
            }
            OpCode::Jmp => {
                let dest = pc as i64 + 1 + i64::from(get_sbx(i));
                if (pc as i64) < dest && dest <= lastpc as i64 {
                    pc = dest as usize - 1;
                }
            }
            OpCode::SetGlobal
            | OpCode::SetUpval
            | OpCode::SetTable
            | OpCode::Eq
            | OpCode::Lt
            | OpCode::Le
            | OpCode::Test
            | OpCode::Return
            | OpCode::SetList
            | OpCode::Close => {}
            OpCode::SelfOp => {
                if reg == a || reg == a + 1 {
                    last = Some(pc);
                }
            }
            _ => {
                if reg == a {
                    last = Some(pc);
                }
            }
        }
        pc += 1;
    }
    last.map(|l| p.code[l])
}
