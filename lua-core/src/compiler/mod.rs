//! The compiler: Lua 5.1 source to [`Proto`], as PUC-Rio's llex.c,
//! lparser.c and lcode.c do it (lexer, parser, code generator), producing
//! the same bytecode as `luac5.1` and the same syntax error messages as
//! `lua5.1`.
//!
//! ```
//! use lua_core::compiler::{compile, listing};
//!
//! let proto = compile(b"local x = 1 return x + 1", b"=example").unwrap();
//! assert_eq!(proto.code.len(), 4);
//! assert!(listing(&proto).contains("ADD"));
//!
//! let err = compile(b"x = = 1", b"x = = 1").unwrap_err();
//! assert_eq!(err.to_string(), "[string \"x = = 1\"]:1: unexpected symbol near '='");
//! ```

mod codegen;
mod lexer;
mod parser;

use std::fmt;
use std::fmt::Write as _;
use std::rc::Rc;

use crate::opcode::{get_a, get_b, get_bx, get_c, get_op, get_sbx, index_k, is_k, OpCode};
use crate::proto::{chunk_id, Constant, Proto, MAXSRC};

/// Nesting depth lua5.1 has already used when `loadstring` is called from a
/// Lua script run by the `lua` command (LUAI_MAXCCALLS counts it too).
const LOADSTRING_DEPTH: u32 = 2;

/// A syntax error.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileError {
    /// The complete lua5.1 message, e.g.
    /// `[string "x = = 1"]:1: unexpected symbol near '='` (bytes: tokens
    /// may be non-UTF-8).
    pub message: Vec<u8>,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.message))
    }
}

impl std::error::Error for CompileError {}

/// How compilation failed, before the message gets its position.
#[derive(Debug)]
pub(crate) enum ErrorKind {
    /// luaX_syntaxerror: the message, shown near the current token.
    Syntax(String),
    /// luaX_lexerror: the message and what it is near (`None`: nothing).
    Lex { msg: Vec<u8>, near: Option<Vec<u8>> },
    /// An error lua5.1 raises without position (a table of the prototype
    /// outgrew its limit).
    Bare(&'static str),
}

/// A compilation failure, boxed: every parsing function returns a
/// `Result`, and a small error keeps the recursive frames small.
#[derive(Debug)]
pub(crate) struct Error(Box<ErrorKind>);

impl Error {
    pub(crate) fn syntax(msg: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Syntax(msg.into())))
    }

    pub(crate) fn lex(msg: impl Into<Vec<u8>>, near: Option<Vec<u8>>) -> Error {
        Error(Box::new(ErrorKind::Lex {
            msg: msg.into(),
            near,
        }))
    }

    pub(crate) fn bare(msg: &'static str) -> Error {
        Error(Box::new(ErrorKind::Bare(msg)))
    }
}

/// The source of a chunk read from a file, as luaL_loadfile sees it: a first
/// line starting with `#` (a Unix `#!` line) is blanked, its newline kept so
/// that line numbers stay true.
pub fn skip_shebang(file: &[u8]) -> &[u8] {
    if file.first() != Some(&b'#') {
        return file;
    }
    match file.iter().position(|&c| c == b'\n') {
        Some(nl) => &file[nl..],
        None => &[],
    }
}

/// Compiles a chunk. `chunk_name` is the name lua_load gets ("@file.lua",
/// "=stdin", or the source text itself for loadstring).
///
/// The nesting limit ("chunk has too many syntax levels") is the one a
/// `loadstring` called from a script run by lua5.1 sees; see
/// [`compile_at_depth`] to set it.
pub fn compile(source: &[u8], chunk_name: &[u8]) -> Result<Proto, CompileError> {
    compile_at_depth(source, chunk_name, LOADSTRING_DEPTH)
}

/// [`compile`] for a caller already `depth` levels deep in lua5.1's C-call
/// count (nCcalls), which the nesting limit of 200 includes: 1 for a file
/// run by the `lua5.1` command or checked by `luac5.1`, 2 for `loadstring`
/// called from such a file, 0 for C code loading a chunk directly.
pub fn compile_at_depth(
    source: &[u8],
    chunk_name: &[u8],
    depth: u32,
) -> Result<Proto, CompileError> {
    // The name reaches lua_load as a C string.
    let name = match chunk_name.iter().position(|&c| c == 0) {
        Some(n) => &chunk_name[..n],
        None => chunk_name,
    };
    let mut p = parser::Parser::new(source, Rc::from(name), depth);
    p.main_function().map_err(|e| {
        let e = *e.0;
        let mut message = match e {
            ErrorKind::Bare(msg) => {
                return CompileError {
                    message: msg.as_bytes().to_vec(),
                }
            }
            _ => chunk_id(name, MAXSRC),
        };
        let (msg, near) = match e {
            // A NUL byte is token 0, which luaX_lexerror takes for "no token".
            ErrorKind::Syntax(msg) if p.lex.token == lexer::Token::Char(0) => {
                (msg.into_bytes(), None)
            }
            ErrorKind::Syntax(msg) => (msg.into_bytes(), Some(p.lex.near_text(&p.lex.token))),
            ErrorKind::Lex { msg, near } => (msg, near),
            ErrorKind::Bare(_) => (Vec::new(), None),
        };
        let _ = write!(Bytes(&mut message), ":{}: ", p.lex.linenumber);
        message.extend_from_slice(&msg);
        if let Some(near) = near {
            // The token text is shown as a C string.
            let end = near.iter().position(|&c| c == 0).unwrap_or(near.len());
            message.extend_from_slice(b" near '");
            message.extend_from_slice(&near[..end]);
            message.push(b'\'');
        }
        CompileError { message }
    })
}

/// `fmt::Write` into a byte buffer.
struct Bytes<'a>(&'a mut Vec<u8>);

impl fmt::Write for Bytes<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Operand kinds of an instruction, as lopcodes.c describes them for luac
/// and for the binary-chunk verifier.
#[derive(PartialEq)]
pub enum Arg {
    /// Not used.
    N,
    /// Used as a number.
    U,
    /// A register or jump offset.
    R,
    /// A constant or register/constant.
    K,
}

/// How an instruction's operand fields are laid out.
pub enum Mode {
    /// A, B and C.
    Abc,
    /// A and an unsigned Bx.
    Abx,
    /// A and a signed sBx (jumps).
    Asbx,
}

/// The layout and the B and C operand kinds of `op` (lopcodes.c's table).
pub fn op_mode(op: OpCode) -> (Mode, Arg, Arg) {
    use Arg::{K, N, R, U};
    use OpCode::*;
    match op {
        Move | LoadNil | Unm | Not | Len => (Mode::Abc, R, N),
        LoadK | GetGlobal | SetGlobal => (Mode::Abx, K, N),
        LoadBool | NewTable | Call | TailCall | SetList => (Mode::Abc, U, U),
        GetUpval | SetUpval | Return | VarArg => (Mode::Abc, U, N),
        GetTable | SelfOp => (Mode::Abc, R, K),
        SetTable | Add | Sub | Mul | Div | Mod | Pow | Eq | Lt | Le => (Mode::Abc, K, K),
        Concat => (Mode::Abc, R, R),
        Jmp | ForLoop | ForPrep => (Mode::Asbx, R, N),
        Test | TestSet => (Mode::Abc, R, U),
        TForLoop => (Mode::Abc, N, U),
        Close => (Mode::Abc, N, N),
        Closure => (Mode::Abx, U, N),
    }
}

fn write_constant(out: &mut String, k: Option<&Constant>) {
    match k {
        None | Some(Constant::Nil) => out.push_str("nil"),
        Some(Constant::Boolean(b)) => out.push_str(if *b { "true" } else { "false" }),
        Some(Constant::Number(n)) => out.push_str(&crate::number::fmt_number(*n)),
        Some(Constant::String(s)) => {
            out.push('"');
            for &c in s.iter() {
                match c {
                    b'"' => out.push_str("\\\""),
                    b'\\' => out.push_str("\\\\"),
                    7 => out.push_str("\\a"),
                    8 => out.push_str("\\b"),
                    12 => out.push_str("\\f"),
                    b'\n' => out.push_str("\\n"),
                    b'\r' => out.push_str("\\r"),
                    b'\t' => out.push_str("\\t"),
                    11 => out.push_str("\\v"),
                    0x20..=0x7e => out.push(c as char),
                    _ => {
                        let _ = write!(out, "\\{c:03}");
                    }
                }
            }
            out.push('"');
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The listing `luac5.1 -l -l` prints for `p` and its nested functions,
/// without the memory addresses (` at 0x...`, ` for 0x...`, and the
/// `; 0x...` comment of CLOSURE).
pub fn listing(p: &Proto) -> String {
    let mut out = String::new();
    write_function(&mut out, p);
    out
}

fn write_function(out: &mut String, f: &Proto) {
    let source = if let Some(rest) = f.source.strip_prefix(b"@").or(f.source.strip_prefix(b"=")) {
        String::from_utf8_lossy(rest).into_owned()
    } else if f.source.first() == Some(&0x1b) {
        "(bstring)".to_string()
    } else {
        "(string)".to_string()
    };
    let n = f.code.len();
    let _ = writeln!(
        out,
        "\n{} <{}:{},{}> ({} instruction{}, {} bytes)",
        if f.line_defined == 0 {
            "main"
        } else {
            "function"
        },
        source,
        f.line_defined,
        f.last_line_defined,
        n,
        plural(n),
        n * 4
    );
    let np = f.num_params as usize;
    let _ = write!(
        out,
        "{}{} param{}, {} slot{}, {} upvalue{}, ",
        np,
        if f.is_vararg != 0 { "+" } else { "" },
        plural(np),
        f.max_stack_size,
        plural(f.max_stack_size as usize),
        f.num_upvalues,
        plural(f.num_upvalues as usize)
    );
    let _ = writeln!(
        out,
        "{} local{}, {} constant{}, {} function{}",
        f.local_vars.len(),
        plural(f.local_vars.len()),
        f.constants.len(),
        plural(f.constants.len()),
        f.protos.len(),
        plural(f.protos.len())
    );
    write_code(out, f);
    let _ = writeln!(out, "constants ({}):", f.constants.len());
    for (i, k) in f.constants.iter().enumerate() {
        let _ = write!(out, "\t{}\t", i + 1);
        write_constant(out, Some(k));
        out.push('\n');
    }
    let _ = writeln!(out, "locals ({}):", f.local_vars.len());
    for (i, v) in f.local_vars.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{}\t{}\t{}\t{}",
            i,
            String::from_utf8_lossy(&v.name),
            v.start_pc + 1,
            v.end_pc + 1
        );
    }
    let _ = writeln!(out, "upvalues ({}):", f.upvalue_names.len());
    for (i, name) in f.upvalue_names.iter().enumerate() {
        let _ = writeln!(out, "\t{}\t{}", i, String::from_utf8_lossy(name));
    }
    for p in &f.protos {
        write_function(out, p);
    }
}

fn write_code(out: &mut String, f: &Proto) {
    let rk = |x: u32| -> i64 {
        if is_k(x) {
            -1 - i64::from(index_k(x))
        } else {
            i64::from(x)
        }
    };
    let constant = |i: u32| f.constants.get(i as usize);
    let mut pc = 0;
    while pc < f.code.len() {
        let i = f.code[pc];
        let op = get_op(i);
        let (a, b, c, bx, sbx) = (get_a(i), get_b(i), get_c(i), get_bx(i), get_sbx(i));
        let _ = write!(out, "\t{}\t", pc + 1);
        match f.line_info.get(pc) {
            Some(&line) if line > 0 => {
                let _ = write!(out, "[{line}]\t");
            }
            _ => out.push_str("[-]\t"),
        }
        let _ = write!(out, "{:<9}\t", op.name());
        let (mode, bmode, cmode) = op_mode(op);
        match mode {
            Mode::Abc => {
                let _ = write!(out, "{a}");
                if bmode != Arg::N {
                    let _ = write!(out, " {}", rk(b));
                }
                if cmode != Arg::N {
                    let _ = write!(out, " {}", rk(c));
                }
            }
            Mode::Abx => {
                if bmode == Arg::K {
                    let _ = write!(out, "{} {}", a, -1 - i64::from(bx));
                } else {
                    let _ = write!(out, "{a} {bx}");
                }
            }
            Mode::Asbx => {
                if op == OpCode::Jmp {
                    let _ = write!(out, "{sbx}");
                } else {
                    let _ = write!(out, "{a} {sbx}");
                }
            }
        }
        match op {
            OpCode::LoadK => {
                out.push_str("\t; ");
                write_constant(out, constant(bx));
            }
            OpCode::GetUpval | OpCode::SetUpval => {
                let name = f
                    .upvalue_names
                    .get(b as usize)
                    .map_or("-".into(), |n| String::from_utf8_lossy(n));
                let _ = write!(out, "\t; {name}");
            }
            OpCode::GetGlobal | OpCode::SetGlobal => {
                if let Some(Constant::String(s)) = constant(bx) {
                    let _ = write!(out, "\t; {}", String::from_utf8_lossy(s));
                }
            }
            OpCode::GetTable | OpCode::SelfOp if is_k(c) => {
                out.push_str("\t; ");
                write_constant(out, constant(index_k(c)));
            }
            OpCode::SetTable
            | OpCode::Add
            | OpCode::Sub
            | OpCode::Mul
            | OpCode::Div
            | OpCode::Pow
            | OpCode::Eq
            | OpCode::Lt
            | OpCode::Le
                if is_k(b) || is_k(c) =>
            {
                out.push_str("\t; ");
                for (n, x) in [b, c].into_iter().enumerate() {
                    if n == 1 {
                        out.push(' ');
                    }
                    if is_k(x) {
                        write_constant(out, constant(index_k(x)));
                    } else {
                        out.push('-');
                    }
                }
            }
            OpCode::Jmp | OpCode::ForLoop | OpCode::ForPrep => {
                let _ = write!(out, "\t; to {}", sbx + pc as i32 + 2);
            }
            OpCode::SetList => {
                if c == 0 {
                    pc += 1;
                    let _ = write!(out, "\t; {}", f.code.get(pc).copied().unwrap_or(0));
                } else {
                    let _ = write!(out, "\t; {c}");
                }
            }
            _ => {}
        }
        out.push('\n');
        pc += 1;
    }
}
