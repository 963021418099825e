//! lua-core: the Lua 5.1 language — lexer, compiler, register VM, heap and
//! garbage collector, instruction budgets — and the API to embed it.

pub mod api;
pub mod compiler;
pub mod coroutine;
mod errors;
pub mod function;
pub mod gc;
pub mod heap;
pub mod number;
pub mod opcode;
pub mod proto;
pub mod state;
pub mod table;
pub mod value;
pub mod vm;
pub use api::{Error, InterruptHandle, Lua};
pub use errors::local_name;
pub use state::{LuaError, State};
pub use value::Value;
