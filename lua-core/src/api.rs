//! The embedding API.

use std::fmt;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::function::{Function, LoadedProto, NativeFn};
use crate::state::{LuaError, State};
use crate::value::{TableRef, Value};

/// An error surfaced to the embedder.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The source did not compile.
    Compile(Vec<u8>),
    /// A Lua error escaped; its message (or a description of the value).
    Runtime(Vec<u8>),
    /// Stopped through an [`InterruptHandle`].
    Interrupted,
    /// The instruction budget ran out.
    BudgetExhausted,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Compile(m) | Error::Runtime(m) => f.write_str(&String::from_utf8_lossy(m)),
            Error::Interrupted => f.write_str("interrupted"),
            Error::BudgetExhausted => f.write_str("instruction budget exhausted"),
        }
    }
}

impl std::error::Error for Error {}

/// Stops a running script from another thread.
#[derive(Clone)]
pub struct InterruptHandle(Arc<AtomicBool>);

impl InterruptHandle {
    /// Requests that the running script stop with [`Error::Interrupted`].
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// A Lua interpreter instance.
pub struct Lua {
    /// The underlying state, for native-function authors.
    pub state: State,
}

impl Default for Lua {
    fn default() -> Self {
        Lua::new()
    }
}

impl Lua {
    /// A fresh interpreter with no libraries loaded.
    pub fn new() -> Lua {
        Lua {
            state: State::new(),
        }
    }

    /// Compiles `src` into a function value.
    pub fn load(&mut self, src: &[u8], chunk_name: &[u8]) -> Result<Value, Error> {
        self.state.load(src, chunk_name).map_err(Error::Compile)
    }

    /// Compiles and runs `src`.
    pub fn exec(&mut self, src: &[u8]) -> Result<(), Error> {
        let f = self.load(src, src)?;
        self.call(f, &[]).map(|_| ())
    }

    /// Compiles and runs `src` (chunk name `=eval`), returning what the
    /// chunk returns: `lua.eval(b"return 1 + 1")` gives `[Number(2.0)]`.
    pub fn eval(&mut self, src: &[u8]) -> Result<Vec<Value>, Error> {
        let f = self.load(src, b"=eval")?;
        self.call(f, &[])
    }

    /// Calls a function value.
    pub fn call(&mut self, f: Value, args: &[Value]) -> Result<Vec<Value>, Error> {
        match self.state.call_value(f, args) {
            Ok(v) => Ok(v),
            Err(e) => {
                self.state.reset_after_error();
                Err(self.convert_error(e))
            }
        }
    }

    /// Turns an internal error into an embedder error.
    pub fn convert_error(&self, e: LuaError) -> Error {
        self.state.embedder_error(e)
    }

    /// Sets a global variable.
    pub fn set_global(&mut self, name: &str, v: Value) {
        let k = self.state.str_value(name.as_bytes());
        let g = self.state.globals;
        // A string key is always valid.
        let _ = self.state.heap.table_mut(g).set(k, v);
    }

    /// Reads a global variable (raw).
    pub fn get_global(&mut self, name: &str) -> Value {
        let k = self.state.str_value(name.as_bytes());
        self.state.heap.table(self.state.globals).get(k)
    }

    /// Creates an empty table.
    pub fn create_table(&mut self) -> TableRef {
        self.state.heap.new_table(0, 0)
    }

    /// Creates (interns) a string.
    pub fn create_string(&mut self, s: &[u8]) -> Value {
        self.state.str_value(s)
    }

    /// Registers a native function as a global.
    pub fn register(&mut self, name: &'static str, f: NativeFn) {
        let v = self.state.native(name, f);
        self.set_global(name, v);
    }

    /// Registers a Rust closure as global `name`. It gets the call's
    /// arguments and returns the results; an `Err` is raised as a Lua error
    /// (build one with [`State::rt_error`] to get the caller's position).
    pub fn register_fn<F>(&mut self, name: &'static str, f: F)
    where
        F: Fn(&mut State, &[Value]) -> Result<Vec<Value>, LuaError> + 'static,
    {
        let native = move |s: &mut State, nargs: usize| {
            let args: Vec<Value> = (1..=nargs).map(|i| s.arg(i)).collect();
            let results = f(s, &args)?;
            for &v in &results {
                s.push(v);
            }
            Ok(results.len())
        };
        let v = self.state.native_closure(name, Rc::new(native), Vec::new());
        self.set_global(name, v);
    }

    /// The bytes of a string value, or of a number as Lua converts it;
    /// `None` for other values.
    pub fn to_bytes(&self, v: Value) -> Option<Vec<u8>> {
        match v {
            Value::String(s) => Some(self.state.heap.str(s).to_vec()),
            Value::Number(_) => Some(self.state.raw_tostring(v)),
            _ => None,
        }
    }

    /// Redirects `print`.
    pub fn set_output(&mut self, out: Box<dyn Write>) {
        self.state.output = out;
    }

    /// Limits execution (counted in calls and backward jumps); `None` lifts
    /// the limit.
    pub fn set_instruction_budget(&mut self, budget: Option<u64>) {
        self.state.budget = budget;
    }

    /// Limits the bytes the state's heap may hold: past it, allocation ends
    /// the script with a `not enough memory` error. `None` lifts the limit.
    pub fn set_memory_limit(&mut self, bytes: Option<usize>) {
        self.state.memory_limit = bytes;
    }

    /// Bytes the heap holds now (live objects and garbage not yet
    /// collected).
    pub fn memory_used(&self) -> usize {
        self.state.heap.bytes_used()
    }

    /// Runs a full garbage collection.
    pub fn collect_garbage(&mut self) -> Result<(), Error> {
        self.state
            .collect_garbage()
            .map_err(|e| self.convert_error(e))
    }

    /// Installs a callback run at every budget checkpoint (every few
    /// thousand instructions and inside long-running builtins); returning
    /// false stops the script with [`Error::Interrupted`]. `None` removes it.
    pub fn set_hook(&mut self, hook: Option<Box<dyn FnMut() -> bool>>) {
        self.state.hook = hook;
    }

    /// A handle to interrupt running scripts from other threads.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle(self.state.interrupt.clone())
    }
}

impl State {
    /// Turns an internal error into an embedder error.
    pub fn embedder_error(&self, e: LuaError) -> Error {
        match e {
            LuaError::Runtime(v) => Error::Runtime(self.error_message(v)),
            LuaError::Interrupted => Error::Interrupted,
            LuaError::BudgetExhausted => Error::BudgetExhausted,
            // Yields never cross a native call boundary, so none reaches here.
            LuaError::Yield => {
                Error::Runtime(b"attempt to yield across metamethod/C-call boundary".to_vec())
            }
        }
    }

    /// Calls `f` in protected mode (lua_pcall): a Lua error comes back as
    /// `Ok(Err(value))` with the frames it left dropped; uncatchable errors
    /// (interrupt, budget) stay errors.
    pub fn pcall_value(
        &mut self,
        f: Value,
        args: &[Value],
    ) -> Result<Result<Vec<Value>, Value>, LuaError> {
        let (level, depth, top) = (self.frames.len(), self.c_depth, self.top);
        match self.call_value(f, args) {
            Ok(values) => Ok(Ok(values)),
            Err(LuaError::Runtime(v)) => {
                self.close_upvals(top);
                self.frames.truncate(level);
                self.c_depth = depth;
                self.top = top;
                Ok(Err(v))
            }
            Err(e) => Err(e),
        }
    }

    /// Compiles `src` into a closure over the globals.
    pub fn load(&mut self, src: &[u8], chunk_name: &[u8]) -> Result<Value, Vec<u8>> {
        let proto = crate::compiler::compile(src, chunk_name).map_err(|e| e.message)?;
        Ok(self.load_proto(proto))
    }

    /// A function of `proto` over the globals, as `lua_load` makes one: its
    /// upvalues (a binary chunk of a closure has some) are fresh cells
    /// holding nil. `proto` must be valid: compiled, or verified.
    pub fn load_proto(&mut self, proto: crate::proto::Proto) -> Value {
        let nups = proto.num_upvalues;
        let proto = LoadedProto::load(&mut self.heap, Rc::new(proto));
        let upvalues = (0..nups)
            .map(|_| {
                self.heap
                    .new_upval(crate::function::Upval::Closed(Value::Nil))
            })
            .collect();
        let env = self.globals;
        let f = self.heap.new_function(Function::Lua {
            proto,
            upvalues,
            env,
        });
        Value::Function(f)
    }

    /// The text reported for an uncaught error value.
    pub fn error_message(&self, v: Value) -> Vec<u8> {
        match v {
            Value::String(_) | Value::Number(_) => self.raw_tostring(v),
            Value::Nil => b"nil".to_vec(),
            _ => format!("(error object is a {} value)", v.type_name()).into_bytes(),
        }
    }
}
