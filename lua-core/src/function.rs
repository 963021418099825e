//! Functions: Lua closures over loaded prototypes, native functions, and
//! upvalues.

use std::rc::Rc;

use crate::heap::Heap;
use crate::opcode::Instruction;
use crate::proto::{Constant, Proto};
use crate::state::{LuaError, State};
use crate::value::{TableRef, Value};

/// A native function: receives the state and its argument count; arguments
/// are read with [`State::arg`], results pushed with [`State::push`], and the
/// number of pushed results returned.
pub type NativeFn = fn(&mut State, usize) -> Result<usize, LuaError>;

/// A Lua closure's upvalue cells (indices into the heap's upvalue arena),
/// held inline for the usual few so that creating a closure allocates
/// nothing beyond its slot.
pub type UpvalCells = smallvec::SmallVec<[u32; 4]>;

/// A native closure for embedders, capturing Rust state.
pub type NativeClosure = Rc<dyn Fn(&mut State, usize) -> Result<usize, LuaError>>;

/// A prototype whose constants have been converted to values once, at load
/// time, so the VM never converts per instruction.
pub struct LoadedProto {
    /// The bytecode.
    pub code: Vec<Instruction>,
    /// Constants as values.
    pub constants: Vec<Value>,
    /// Nested prototypes, loaded.
    pub protos: Vec<Rc<LoadedProto>>,
    /// The compiled prototype (debug info, sizes).
    pub info: Rc<Proto>,
    /// `info.num_params`, kept here so calls read it without a second hop.
    pub num_params: usize,
    /// `info.max_stack_size`: registers a frame of this function uses.
    pub max_stack: usize,
    /// `info.is_vararg != 0`.
    pub is_vararg: bool,
}

impl LoadedProto {
    /// Converts `proto` (recursively) interning its string constants.
    pub fn load(heap: &mut Heap, proto: Rc<Proto>) -> Rc<LoadedProto> {
        let constants = proto
            .constants
            .iter()
            .map(|c| match c {
                Constant::Nil => Value::Nil,
                Constant::Boolean(b) => Value::Boolean(*b),
                Constant::Number(n) => Value::Number(*n),
                Constant::String(s) => heap.str_value(s),
            })
            .collect();
        let protos = proto
            .protos
            .iter()
            .map(|p| LoadedProto::load(heap, p.clone()))
            .collect();
        Rc::new(LoadedProto {
            code: proto.code.clone(),
            constants,
            protos,
            num_params: usize::from(proto.num_params),
            max_stack: usize::from(proto.max_stack_size),
            is_vararg: proto.is_vararg != 0,
            info: proto,
        })
    }
}

/// An upvalue: open while its variable is still on a thread's stack.
#[derive(Clone, Copy, Debug)]
pub enum Upval {
    /// Lives in stack slot `idx` of thread `thread`.
    Open {
        /// Owning thread index.
        thread: u32,
        /// Absolute stack index.
        idx: usize,
    },
    /// The variable's scope ended; the value now lives here.
    Closed(Value),
}

/// A function object.
pub enum Function {
    /// A Lua closure.
    Lua {
        /// Its prototype.
        proto: Rc<LoadedProto>,
        /// Indices into the heap's upvalue arena.
        upvalues: UpvalCells,
        /// Its environment table.
        env: TableRef,
    },
    /// A plain native function.
    Native {
        /// The function.
        f: NativeFn,
        /// Name for error messages (`bad argument #1 to 'NAME'`).
        name: &'static str,
        /// Its environment table.
        env: TableRef,
    },
    /// A native closure with captured Rust state and upvalue values.
    Closure {
        /// The function.
        f: NativeClosure,
        /// Name for error messages.
        name: &'static str,
        /// Values it closes over (kept alive by the collector).
        upvalues: Vec<Value>,
        /// Its environment table.
        env: TableRef,
    },
}

/// What a collected function slot holds until it is reused.
fn dead_function(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    Err(s.rt_error("call of a collected function"))
}

impl Function {
    /// The placeholder left in a collected slot.
    pub(crate) fn dead(env: TableRef) -> Function {
        Function::Native {
            f: dead_function,
            name: "?",
            env,
        }
    }

    /// The function's environment table.
    pub fn env(&self) -> TableRef {
        match self {
            Function::Lua { env, .. }
            | Function::Native { env, .. }
            | Function::Closure { env, .. } => *env,
        }
    }

    /// Replaces the function's environment (`setfenv`).
    pub fn set_env(&mut self, t: TableRef) {
        match self {
            Function::Lua { env, .. }
            | Function::Native { env, .. }
            | Function::Closure { env, .. } => *env = t,
        }
    }
}
