//! lua-core: the Lua 5.1 language — lexer, compiler, register VM, heap and
//! garbage collector, coroutines, instruction budgets and memory limits —
//! and the API to embed it. The standard libraries live in `lua-stdlib`.
//!
//! ```
//! use lua_core::{Error, Lua, Value};
//!
//! let mut lua = Lua::new();
//! // A Rust function callable from Lua.
//! lua.register_fn("double", |_state, args| match args.first() {
//!     Some(Value::Number(n)) => Ok(vec![Value::Number(n * 2.0)]),
//!     _ => Ok(vec![Value::Nil]),
//! });
//! let out = lua.eval(b"local t = {} for i = 1, 3 do t[i] = double(i) end return t[3], 'ok'")?;
//! assert!(matches!(out[0], Value::Number(n) if n == 6.0));
//! assert_eq!(lua.to_bytes(out[1]).as_deref(), Some(&b"ok"[..]));
//!
//! // Scripts run under limits the embedder sets.
//! lua.set_instruction_budget(Some(1_000_000));
//! assert_eq!(lua.exec(b"while true do end"), Err(Error::BudgetExhausted));
//! # Ok::<(), Error>(())
//! ```

pub mod api;
pub mod compiler;
pub mod coroutine;
pub mod debug;
mod errors;
pub mod function;
pub mod gc;
pub mod heap;
pub mod hook;
mod intern;
pub mod number;
pub mod opcode;
pub mod proto;
pub mod state;
pub mod table;
pub mod value;
pub mod vm;
pub use api::{Error, InterruptHandle, Lua};
pub use state::{LuaError, State};
pub use value::Value;
