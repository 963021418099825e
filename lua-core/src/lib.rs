//! lua-core: the Lua 5.1 language — lexer, compiler, register VM, heap and
//! garbage collector, instruction budgets — and the API to embed it.

pub mod compiler;
pub mod heap;
pub mod number;
pub mod opcode;
pub mod proto;
pub mod table;
pub mod value;
