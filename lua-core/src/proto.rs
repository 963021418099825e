//! Function prototypes: what the compiler produces and the VM runs.
//!
//! A [`Proto`] does not refer to the heap: its string constants are plain
//! bytes. The runtime interns them when it loads the prototype into a state,
//! so compiling can never race the garbage collector (the class of bug behind
//! CVE-2025-49844, where a collection during parsing freed the chunk name).

use std::rc::Rc;

use crate::opcode::Instruction;

/// A constant of a function prototype.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Nil,
    Boolean(bool),
    Number(f64),
    String(Box<[u8]>),
}

/// A local variable's name and the range of instructions where it is active
/// (`start_pc` inclusive, `end_pc` exclusive), for error messages and `debug`.
#[derive(Clone, Debug, PartialEq)]
pub struct LocalVar {
    pub name: Box<[u8]>,
    pub start_pc: u32,
    pub end_pc: u32,
}

/// `is_vararg` flag bits, as lobject.h defines them.
pub const VARARG_HASARG: u8 = 1;
pub const VARARG_ISVARARG: u8 = 2;
pub const VARARG_NEEDSARG: u8 = 4;

/// A compiled function: the unit the compiler emits for a chunk and for every
/// `function` expression inside it.
#[derive(Clone, Debug, Default)]
pub struct Proto {
    /// The bytecode.
    pub code: Vec<Instruction>,
    /// Constants referenced by LOADK, GETGLOBAL/SETGLOBAL and RK operands.
    pub constants: Vec<Constant>,
    /// Prototypes of the functions defined inside this one (CLOSURE's Bx).
    pub protos: Vec<Rc<Proto>>,
    /// Source line of each instruction (same length as `code`).
    pub line_info: Vec<u32>,
    /// Local variables in declaration order, for debug information.
    pub local_vars: Vec<LocalVar>,
    /// Names of the upvalues, in upvalue order.
    pub upvalue_names: Vec<Box<[u8]>>,
    /// The chunk name given to `load` (e.g. `@file.lua`, `=stdin`, or the source text).
    pub source: Rc<[u8]>,
    /// Line where the function's definition starts (0 for a main chunk).
    pub line_defined: u32,
    /// Line where the function's definition ends (0 for a main chunk).
    pub last_line_defined: u32,
    /// Number of upvalues.
    pub num_upvalues: u8,
    /// Number of fixed parameters.
    pub num_params: u8,
    /// Combination of the `VARARG_*` flags.
    pub is_vararg: u8,
    /// Registers needed by the function.
    pub max_stack_size: u8,
}

/// Room for a chunk id in runtime error messages (luaconf.h's LUA_IDSIZE).
pub const LUA_IDSIZE: usize = 60;
/// Room for a chunk id in compile error messages (llex.c's MAXSRC).
pub const MAXSRC: usize = 80;

/// The printable name of a chunk, as `luaO_chunkid` makes it: `=name` gives
/// `name`, `@file` gives `file` (its tail if too long), and source text gives
/// `[string "first line..."]`. `bufflen` is [`LUA_IDSIZE`] for runtime errors
/// and [`MAXSRC`] for compile errors, as in lua5.1.
pub fn chunk_id(source: &[u8], bufflen: usize) -> Vec<u8> {
    if let Some(rest) = source.strip_prefix(b"=") {
        rest[..rest.len().min(bufflen - 1)].to_vec()
    } else if let Some(rest) = source.strip_prefix(b"@") {
        // sizeof counts the terminating NUL in luaO_chunkid.
        let room = bufflen - (b" '...' ".len() + 1);
        if rest.len() > room {
            let mut out = b"...".to_vec();
            out.extend_from_slice(&rest[rest.len() - room..]);
            out
        } else {
            rest.to_vec()
        }
    } else {
        let first_line_len = source
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .unwrap_or(source.len());
        let room = bufflen - (b" [string \"...\"] ".len() + 1);
        let len = first_line_len.min(room);
        let mut out = b"[string \"".to_vec();
        out.extend_from_slice(&source[..len]);
        if len < source.len() {
            out.extend_from_slice(b"...");
        }
        out.extend_from_slice(b"\"]");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{chunk_id, LUA_IDSIZE, MAXSRC};

    #[test]
    fn chunk_ids_as_lua51() {
        assert_eq!(chunk_id(b"=stdin", LUA_IDSIZE), b"stdin");
        assert_eq!(chunk_id(b"@user_script", LUA_IDSIZE), b"user_script");
        assert_eq!(chunk_id(b"return 1", LUA_IDSIZE), b"[string \"return 1\"]");
        assert_eq!(chunk_id(b"x=1\ny=2", LUA_IDSIZE), b"[string \"x=1...\"]");
    }

    #[test]
    fn long_chunk_ids_are_cut_as_lua51() {
        let long = vec![b'a'; 100];
        let cut = |n: usize| [b"[string \"".as_slice(), &vec![b'a'; n], b"...\"]"].concat();
        assert_eq!(chunk_id(&long, LUA_IDSIZE), cut(43));
        assert_eq!(chunk_id(&long, MAXSRC), cut(63));
        let file = [b"@".as_slice(), &[b'b'; 70]].concat();
        assert_eq!(
            chunk_id(&file, LUA_IDSIZE),
            [b"...".as_slice(), &[b'b'; 52]].concat()
        );
        assert_eq!(chunk_id(&file, MAXSRC), vec![b'b'; 70]);
        let named = [b"=".as_slice(), &[b'b'; 70]].concat();
        assert_eq!(chunk_id(&named, LUA_IDSIZE), vec![b'b'; 59]);
    }
}
