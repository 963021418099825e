//! Binary chunks: what `string.dump` writes and what `load`, `loadstring`,
//! `loadfile` and `dofile` accept in states that allow them.
//!
//! The format is Lua 5.1's own (ldump.c/lundump.c for x86-64: little endian,
//! 4-byte ints, 8-byte sizes, 8-byte doubles), so `luac5.1` output loads
//! too. Loading verifies the whole chunk before anything runs it (every
//! register, constant, upvalue, prototype and jump index in range, the
//! checks of ldebug.c's `luaG_checkcode` and some 5.1 lacks), so a corrupted
//! or hostile chunk is a clean error, never a panic. States that do not
//! allow binary chunks (sandboxes such as the Redis host) hand them to the
//! text parser, as Redis does.

use lua_core::function::Function;
use lua_core::proto::{Constant, LocalVar, Proto};
use lua_core::{State, Value};

use crate::libtable::{get_field, set_field};

/// The first bytes of every binary chunk (`LUA_SIGNATURE`).
pub const SIGNATURE: &[u8] = b"\x1bLua";

/// Signature, version 5.1, official format, little endian, and the sizes of
/// int, size_t, Instruction and lua_Number; numbers are not integral.
const HEADER: [u8; 12] = [0x1b, b'L', b'u', b'a', 0x51, 0, 1, 4, 8, 4, 8, 0];

/// Nesting of functions a chunk may have (the parser's LUAI_MAXCCALLS).
const MAX_NESTING: usize = 200;

const TNIL: u8 = 0;
const TBOOLEAN: u8 = 1;
const TNUMBER: u8 = 3;
const TSTRING: u8 = 4;

/// `luaU_dump`: the binary chunk of `p`, debug information included.
pub fn dump(p: &Proto) -> Vec<u8> {
    let mut out = HEADER.to_vec();
    dump_function(&mut out, p, None);
    out
}

fn dump_int(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

fn dump_string(out: &mut Vec<u8>, s: Option<&[u8]>) {
    match s {
        None => out.extend_from_slice(&0u64.to_le_bytes()),
        Some(s) => {
            out.extend_from_slice(&(s.len() as u64 + 1).to_le_bytes());
            out.extend_from_slice(s);
            out.push(0);
        }
    }
}

fn dump_function(out: &mut Vec<u8>, p: &Proto, parent_source: Option<&[u8]>) {
    // A nested function from the same source leaves it out (ldump.c).
    let source = (parent_source != Some(&p.source[..])).then_some(&p.source[..]);
    dump_string(out, source);
    dump_int(out, p.line_defined as usize);
    dump_int(out, p.last_line_defined as usize);
    out.extend_from_slice(&[p.num_upvalues, p.num_params, p.is_vararg, p.max_stack_size]);
    dump_int(out, p.code.len());
    for i in &p.code {
        out.extend_from_slice(&i.to_le_bytes());
    }
    dump_int(out, p.constants.len());
    for k in &p.constants {
        match k {
            Constant::Nil => out.push(TNIL),
            Constant::Boolean(b) => out.extend_from_slice(&[TBOOLEAN, u8::from(*b)]),
            Constant::Number(n) => {
                out.push(TNUMBER);
                out.extend_from_slice(&n.to_le_bytes());
            }
            Constant::String(s) => {
                out.push(TSTRING);
                dump_string(out, Some(s));
            }
        }
    }
    dump_int(out, p.protos.len());
    for child in &p.protos {
        dump_function(out, child, Some(&p.source));
    }
    dump_int(out, p.line_info.len());
    for &line in &p.line_info {
        dump_int(out, line as usize);
    }
    dump_int(out, p.local_vars.len());
    for v in &p.local_vars {
        dump_string(out, Some(&v.name));
        dump_int(out, v.start_pc as usize);
        dump_int(out, v.end_pc as usize);
    }
    dump_int(out, p.upvalue_names.len());
    for name in &p.upvalue_names {
        dump_string(out, Some(name));
    }
}

/// Why a chunk was refused, as lundump.c words it.
struct Bad(&'static str);

/// Reads a binary chunk front to back.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Result<&[u8], Bad> {
        let end = self.pos.checked_add(n).ok_or(Bad("unexpected end"))?;
        let b = self.data.get(self.pos..end).ok_or(Bad("unexpected end"))?;
        self.pos = end;
        Ok(b)
    }

    fn byte(&mut self) -> Result<u8, Bad> {
        Ok(self.bytes(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, Bad> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// `LoadInt`: a non-negative C int.
    fn int(&mut self) -> Result<u32, Bad> {
        let n = self.u32()?;
        if n > i32::MAX as u32 {
            return Err(Bad("bad integer"));
        }
        Ok(n)
    }

    /// A count of items that take at least `item_size` bytes each: larger
    /// than what is left means a corrupted chunk (and no huge allocation).
    fn count(&mut self, item_size: usize) -> Result<usize, Bad> {
        let n = self.int()? as usize;
        if n.saturating_mul(item_size) > self.data.len() - self.pos {
            return Err(Bad("unexpected end"));
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<Option<Box<[u8]>>, Bad> {
        let b = self.bytes(8)?;
        let n = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        if n == 0 {
            return Ok(None);
        }
        let n = usize::try_from(n).map_err(|_| Bad("unexpected end"))?;
        let s = self.bytes(n)?;
        // The stored size counts C's terminating NUL.
        Ok(Some(s[..n - 1].into()))
    }

    fn function(
        &mut self,
        parent_source: Option<&std::rc::Rc<[u8]>>,
        depth: usize,
    ) -> Result<Proto, Bad> {
        if depth > MAX_NESTING {
            return Err(Bad("bad code"));
        }
        let source: std::rc::Rc<[u8]> = match (self.string()?, parent_source) {
            (Some(s), _) => s.into(),
            (None, Some(p)) => p.clone(),
            (None, None) => b"=?".as_slice().into(),
        };
        let line_defined = self.int()?;
        let last_line_defined = self.int()?;
        let fixed = self.bytes(4)?;
        let (num_upvalues, num_params, is_vararg, max_stack_size) =
            (fixed[0], fixed[1], fixed[2], fixed[3]);
        let n = self.count(4)?;
        let code = (0..n).map(|_| self.u32()).collect::<Result<Vec<_>, _>>()?;
        let n = self.count(1)?;
        let mut constants = Vec::with_capacity(n);
        for _ in 0..n {
            constants.push(match self.byte()? {
                TNIL => Constant::Nil,
                TBOOLEAN => Constant::Boolean(self.byte()? != 0),
                TNUMBER => {
                    let b = self.bytes(8)?;
                    let mut raw = [0u8; 8];
                    raw.copy_from_slice(b);
                    Constant::Number(f64::from_le_bytes(raw))
                }
                TSTRING => Constant::String(self.string()?.ok_or(Bad("bad constant"))?),
                _ => return Err(Bad("bad constant")),
            });
        }
        let n = self.count(1)?;
        let mut protos = Vec::with_capacity(n);
        for _ in 0..n {
            protos.push(std::rc::Rc::new(self.function(Some(&source), depth + 1)?));
        }
        let n = self.count(4)?;
        let line_info = (0..n).map(|_| self.int()).collect::<Result<Vec<_>, _>>()?;
        let n = self.count(16)?;
        let mut local_vars = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.string()?.unwrap_or_default();
            let start_pc = self.int()?;
            let end_pc = self.int()?;
            local_vars.push(LocalVar {
                name,
                start_pc,
                end_pc,
            });
        }
        let n = self.count(8)?;
        let upvalue_names = (0..n)
            .map(|_| Ok(self.string()?.unwrap_or_default()))
            .collect::<Result<Vec<_>, Bad>>()?;
        let p = Proto {
            code,
            constants,
            protos,
            line_info,
            local_vars,
            upvalue_names,
            source,
            line_defined,
            last_line_defined,
            num_upvalues,
            num_params,
            is_vararg,
            max_stack_size,
        };
        if !crate::chunk_verify::valid(&p) {
            return Err(Bad("bad code"));
        }
        Ok(p)
    }
}

/// `luaU_undump`: the prototype of a binary chunk, verified. `chunk_name`
/// names it in errors as lua5.1 does (`NAME: bad header in precompiled chunk`).
pub fn undump(data: &[u8], chunk_name: &[u8]) -> Result<Proto, Vec<u8>> {
    let mut r = Reader { data, pos: 0 };
    let result = match r.bytes(HEADER.len()) {
        Ok(h) if h == HEADER => r.function(None, 0),
        Ok(_) => Err(Bad("bad header")),
        Err(e) => Err(e),
    };
    result.map_err(|Bad(why)| {
        let name: &[u8] = match chunk_name.first() {
            Some(b'@' | b'=') => &chunk_name[1..],
            Some(0x1b) => b"binary string",
            _ => chunk_name,
        };
        let mut msg = name.to_vec();
        msg.extend_from_slice(format!(": {why} in precompiled chunk").as_bytes());
        msg
    })
}

/// Lets `load` and friends accept binary chunks in this state.
pub fn allow_binary_chunks(s: &mut State) {
    let registry = s.registry;
    set_field(s, registry, "_BINARY_CHUNKS", Value::Boolean(true));
}

/// `lua_load` of a whole chunk: binary chunks (when the state allows them)
/// are verified and loaded, anything else goes to the compiler.
pub fn load(s: &mut State, chunk: &[u8], chunk_name: &[u8]) -> Result<Value, Vec<u8>> {
    let registry = s.registry;
    if chunk.starts_with(&SIGNATURE[..1]) && get_field(s, registry, "_BINARY_CHUNKS").truthy() {
        let proto = undump(chunk, chunk_name)?;
        return Ok(s.load_proto(proto));
    }
    s.load(chunk, chunk_name)
}

/// The prototype `string.dump` writes for `f`: Lua functions only.
pub fn dumpable(s: &State, f: Value) -> Option<&Proto> {
    match f {
        Value::Function(r) => match s.heap.function(r) {
            Function::Lua { proto, .. } => Some(&proto.info),
            _ => None,
        },
        _ => None,
    }
}
