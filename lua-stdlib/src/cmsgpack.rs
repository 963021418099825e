//! lua-cmsgpack 0.4.0 as bundled by Redis: `cmsgpack.pack`, `unpack`, `unpack_one` and
//! `unpack_limit`. Numbers take the smallest integer form, else float32 when lossless, else
//! float64; tables are arrays when their keys are exactly 1..n, else maps; tables nested 16
//! deep are packed as nil. Unpacking keeps to the Lua stack limits of the C code (its
//! `luaL_checkstack` errors) and never recurses in Rust.

use lua_core::value::TableRef;
use lua_core::{LuaError, State, Value};

use crate::libtable::MAX_C_STACK;

/// 2^63: integral numbers outside [-2^63, 2^63) are packed as floats, as in the C code
/// whose `(int64_t)n == n` test fails for them on x86-64.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// Appends the MessagePack encoding of an integer in its smallest form.
pub fn write_int(out: &mut Vec<u8>, n: i64) {
    if n >= 0 {
        if n <= 127 {
            out.push(n as u8);
        } else if n <= 0xff {
            out.extend_from_slice(&[0xcc, n as u8]);
        } else if n <= 0xffff {
            out.push(0xcd);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        } else if n <= 0xffff_ffff {
            out.push(0xce);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        } else {
            out.push(0xcf);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    } else if n >= -32 {
        out.push(n as i8 as u8);
    } else if n >= -128 {
        out.extend_from_slice(&[0xd0, n as i8 as u8]);
    } else if n >= -32768 {
        out.push(0xd1);
        out.extend_from_slice(&(n as i16).to_be_bytes());
    } else if n >= -2_147_483_648 {
        out.push(0xd2);
        out.extend_from_slice(&(n as i32).to_be_bytes());
    } else {
        out.push(0xd3);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

/// Appends the MessagePack encoding of a Lua number as Redis chooses it.
pub fn write_number(out: &mut Vec<u8>, n: f64) {
    if (-TWO_POW_63..TWO_POW_63).contains(&n) && n.fract() == 0.0 {
        // In range and integral, so the conversion is exact.
        write_int(out, n as i64);
        return;
    }
    let single = n as f32;
    if f64::from(single) == n {
        out.push(0xca);
        out.extend_from_slice(&single.to_be_bytes());
    } else {
        out.push(0xcb);
        out.extend_from_slice(&n.to_be_bytes());
    }
}

/// Appends the MessagePack encoding of a byte string (fixstr, str8, str16 or str32 header).
pub fn write_bytes(out: &mut Vec<u8>, s: &[u8]) {
    let len = s.len();
    if len < 32 {
        out.push(0xa0 | len as u8);
    } else if len <= 0xff {
        out.extend_from_slice(&[0xd9, len as u8]);
    } else if len <= 0xffff {
        out.push(0xda);
        out.extend_from_slice(&(len as u16).to_be_bytes());
    } else {
        out.push(0xdb);
        // Lua strings longer than 4 GiB cannot reach a Redis script; the C truncates too.
        out.extend_from_slice(&(len as u32).to_be_bytes());
    }
    out.extend_from_slice(s);
}

/// Tables nested this deep are packed as nil (LUACMSGPACK_MAX_NESTING), so cycles end.
const MAX_NESTING: usize = 16;

/// Opens the `cmsgpack` table as a global.
pub fn open(s: &mut State) {
    let t = crate::libtable::open_lib(
        s,
        "cmsgpack",
        &[
            ("pack", pack),
            ("unpack", unpack),
            ("unpack_one", unpack_one),
            ("unpack_limit", unpack_limit),
        ],
    );
    for (field, text) in [
        ("_NAME", "cmsgpack"),
        ("_VERSION", "lua-cmsgpack 0.4.0"),
        ("_COPYRIGHT", "Copyright (C) 2012, Salvatore Sanfilippo"),
        ("_DESCRIPTION", "MessagePack C implementation for Lua"),
    ] {
        let v = s.str_value(text.as_bytes());
        crate::libtable::set_field(s, t, field, v);
    }
}

fn pack(s: &mut State, n: usize) -> Result<usize, LuaError> {
    if n == 0 {
        return Err(s.arg_error(0, "MessagePack pack needs input."));
    }
    // lua_checkstack(L, nargs) with the nargs arguments already on the stack.
    if 2 * n > MAX_C_STACK {
        return Err(s.arg_error(0, "Too many arguments for MessagePack pack."));
    }
    let mut out = Vec::new();
    for i in 1..=n {
        encode_value(s, &mut out, s.arg(i), 0)?;
    }
    let v = s.str_value(&out);
    s.push(v);
    Ok(1)
}

/// `mp_encode_lua_type`: appends `v` at nesting `level`.
fn encode_value(s: &mut State, out: &mut Vec<u8>, v: Value, level: usize) -> Result<(), LuaError> {
    s.charge(1)?;
    match v {
        Value::String(r) => {
            let len = s.heap.str(r).len();
            s.check_alloc(out.len().saturating_add(len).saturating_add(5))?;
            write_bytes(out, s.heap.str(r));
        }
        Value::Boolean(b) => out.push(if b { 0xc3 } else { 0xc2 }),
        Value::Number(n) => write_number(out, n),
        Value::Table(t) if level < MAX_NESTING => encode_table(s, out, t, level)?,
        _ => out.push(0xc0),
    }
    if out.len() > 4096 {
        s.check_alloc(out.len())?;
    }
    Ok(())
}

/// `table_is_an_array`: every key a positive integer that fits an int, and as many keys as
/// the largest one.
fn array_length(s: &mut State, t: TableRef) -> Result<Option<usize>, LuaError> {
    let (mut count, mut max) = (0usize, 0usize);
    let mut key = Value::Nil;
    while let Ok(Some((k, _))) = s.heap.table(t).next(key) {
        match k {
            Value::Number(n) if n > 0.0 && n <= f64::from(i32::MAX) && n.fract() == 0.0 => {
                max = max.max(n as usize);
                count += 1;
            }
            _ => return Ok(None),
        }
        key = k;
        s.charge(1)?;
    }
    Ok((max == count).then_some(count))
}

fn encode_table(
    s: &mut State,
    out: &mut Vec<u8>,
    t: TableRef,
    level: usize,
) -> Result<(), LuaError> {
    if let Some(len) = array_length(s, t)? {
        write_header(out, len, [0x90, 0xdc, 0xdd]);
        for i in 1..=len {
            let v = s.heap.table(t).get_int(i as i64);
            encode_value(s, out, v, level + 1)?;
        }
        return Ok(());
    }
    let mut len = 0;
    let mut key = Value::Nil;
    while let Ok(Some((k, _))) = s.heap.table(t).next(key) {
        len += 1;
        key = k;
    }
    write_header(out, len, [0x80, 0xde, 0xdf]);
    let mut key = Value::Nil;
    // Nothing runs Lua code while packing, so every key stays valid for `next`.
    while let Ok(Some((k, v))) = s.heap.table(t).next(key) {
        encode_value(s, out, k, level + 1)?;
        encode_value(s, out, v, level + 1)?;
        key = k;
    }
    Ok(())
}

/// An array or map header: the fix form (`codes[0] | n`), 16-bit or 32-bit count.
fn write_header(out: &mut Vec<u8>, n: usize, codes: [u8; 3]) {
    if n <= 15 {
        out.push(codes[0] | n as u8);
    } else if n <= 0xffff {
        out.push(codes[1]);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    } else {
        out.push(codes[2]);
        // Tables cannot hold 2^32 entries within a state's memory.
        out.extend_from_slice(&(n as u32).to_be_bytes());
    }
}

/// Why unpacking stopped.
enum Stop {
    /// The input ends inside a value: `Missing bytes in input.`
    Eof,
    /// A type lua-cmsgpack does not know: `Bad data format in input.`
    BadFormat,
    /// A Lua error (stack limits, invalid table keys).
    Lua(LuaError),
}

impl From<LuaError> for Stop {
    fn from(e: LuaError) -> Stop {
        Stop::Lua(e)
    }
}

/// An open array or map.
struct Open {
    t: TableRef,
    /// Entries still to read.
    left: u64,
    /// Array: the next index. Map: `None` while reading a key, the key while reading its
    /// value.
    slot: Slot,
}

enum Slot {
    Index(f64),
    Key(Option<Value>),
}

/// A cursor over packed input, with the C code's accounting of Lua stack slots.
struct Unpacker<'a> {
    data: &'a [u8],
    pos: usize,
    /// Slots the C function's frame holds (`lua_gettop`).
    used: usize,
}

impl Unpacker<'_> {
    fn need(&self, n: u64) -> Result<(), Stop> {
        if ((self.data.len() - self.pos) as u64) < n {
            return Err(Stop::Eof);
        }
        Ok(())
    }

    /// `luaL_checkstack(L, 1, what)`.
    fn check_stack(&self, s: &mut State, what: &str) -> Result<(), Stop> {
        if self.used + 1 > MAX_C_STACK {
            return Err(Stop::Lua(s.rt_error(&format!("stack overflow ({what})"))));
        }
        Ok(())
    }

    /// The `n` bytes after the type byte, big-endian, after checking they are there.
    fn uint(&self, n: usize) -> Result<u64, Stop> {
        self.need(1 + n as u64)?;
        let bytes = &self.data[self.pos + 1..self.pos + 1 + n];
        Ok(bytes.iter().fold(0, |acc, &b| acc << 8 | u64::from(b)))
    }

    /// A string of `len` bytes after a header of `header` bytes.
    fn string(&mut self, s: &mut State, header: usize, len: u64) -> Result<Value, Stop> {
        self.need(header as u64 + len)?;
        let start = self.pos + header;
        // `need` checked that the bytes are there, so the length fits.
        let end = start + len as usize;
        let v = s.str_value(&self.data[start..end]);
        self.pos = end;
        Ok(v)
    }

    /// Decodes one top-level value (`mp_decode_to_lua_type`), leaving it counted in `used`.
    fn value(&mut self, s: &mut State) -> Result<Value, Stop> {
        let mut open: Vec<Open> = Vec::new();
        loop {
            s.charge(1)?;
            self.need(1)?;
            self.check_stack(
                s,
                "too many return values at once; use unpack_one or unpack_limit instead.",
            )?;
            let mut v = match self.item(s)? {
                Item::Value(v) => v,
                Item::Container { t, len, array } => {
                    self.used += 1;
                    if array {
                        self.check_stack(s, "in function mp_decode_to_lua_array")?;
                    }
                    if len == 0 {
                        Value::Table(t)
                    } else {
                        let slot = if array {
                            self.used += 1;
                            Slot::Index(1.0)
                        } else {
                            Slot::Key(None)
                        };
                        open.push(Open { t, left: len, slot });
                        continue;
                    }
                }
            };
            if !matches!(v, Value::Table(_)) {
                self.used += 1;
            }
            // Store the finished value; close the containers it completes.
            loop {
                let Some(top) = open.last_mut() else {
                    return Ok(v);
                };
                let key = match &mut top.slot {
                    Slot::Key(k @ None) => {
                        *k = Some(v);
                        break;
                    }
                    Slot::Key(k) => k.take().unwrap_or_default(),
                    Slot::Index(i) => {
                        *i += 1.0;
                        Value::Number(*i - 1.0)
                    }
                };
                if let Err(e) = s.heap.table_mut(top.t).set(key, v) {
                    return Err(Stop::Lua(LuaError::Runtime(
                        s.str_value(e.message().as_bytes()),
                    )));
                }
                self.used -= 2;
                top.left -= 1;
                if top.left > 0 {
                    if let Slot::Index(_) = top.slot {
                        self.used += 1;
                    }
                    break;
                }
                v = Value::Table(top.t);
                open.pop();
            }
        }
    }

    /// Reads one type byte and what follows it, except a container's elements.
    fn item(&mut self, s: &mut State) -> Result<Item, Stop> {
        let b = self.data[self.pos];
        let (v, size) = match b {
            0x00..=0x7f => (Value::Number(f64::from(b)), 1),
            0xe0..=0xff => (Value::Number(f64::from(b as i8)), 1),
            0xc0 => (Value::Nil, 1),
            0xc2 => (Value::Boolean(false), 1),
            0xc3 => (Value::Boolean(true), 1),
            0xcc => (Value::Number(self.uint(1)? as f64), 2),
            0xcd => (Value::Number(self.uint(2)? as f64), 3),
            0xce => (Value::Number(self.uint(4)? as f64), 5),
            // The C code builds uint 64 in a signed integer too.
            0xcf | 0xd3 => (Value::Number(self.uint(8)? as i64 as f64), 9),
            0xd0 => (Value::Number(f64::from(self.uint(1)? as u8 as i8)), 2),
            0xd1 => (Value::Number(f64::from(self.uint(2)? as u16 as i16)), 3),
            0xd2 => (Value::Number(f64::from(self.uint(4)? as u32 as i32)), 5),
            0xca => (
                Value::Number(f64::from(f32::from_bits(self.uint(4)? as u32))),
                5,
            ),
            0xcb => (Value::Number(f64::from_bits(self.uint(8)?)), 9),
            0xa0..=0xbf => return Ok(Item::Value(self.string(s, 1, u64::from(b & 0x1f))?)),
            0xd9 => {
                let len = self.uint(1)?;
                return Ok(Item::Value(self.string(s, 2, len)?));
            }
            0xda => {
                let len = self.uint(2)?;
                return Ok(Item::Value(self.string(s, 3, len)?));
            }
            0xdb => {
                let len = self.uint(4)?;
                return Ok(Item::Value(self.string(s, 5, len)?));
            }
            0x90..=0x9f => return Ok(self.container(s, 1, u64::from(b & 0xf), true)),
            0x80..=0x8f => return Ok(self.container(s, 1, u64::from(b & 0xf), false)),
            0xdc => {
                let len = self.uint(2)?;
                return Ok(self.container(s, 3, len, true));
            }
            0xdd => {
                let len = self.uint(4)?;
                return Ok(self.container(s, 5, len, true));
            }
            0xde => {
                let len = self.uint(2)?;
                return Ok(self.container(s, 3, len, false));
            }
            0xdf => {
                let len = self.uint(4)?;
                return Ok(self.container(s, 5, len, false));
            }
            _ => return Err(Stop::BadFormat),
        };
        self.pos += size;
        Ok(Item::Value(v))
    }

    fn container(&mut self, s: &mut State, header: usize, len: u64, array: bool) -> Item {
        self.pos += header;
        let t = s.heap.new_table(0, 0);
        Item::Container { t, len, array }
    }
}

enum Item {
    Value(Value),
    Container { t: TableRef, len: u64, array: bool },
}

/// `mp_unpack_full`: up to `limit` values from byte `offset` of argument 1; unless both
/// are 0 (decode everything), the next offset (-1 at the end) comes first. The C code
/// compares the 64-bit arguments but prints them as `int`.
fn unpack_full(s: &mut State, nargs: usize, limit: i64, offset: i64) -> Result<usize, LuaError> {
    let data = s.check_string(1)?;
    let len = data.len();
    if offset < 0 || limit < 0 {
        // The C code passes the input length where the limit belongs.
        let msg = format!(
            "Invalid request to unpack with offset of {} and limit of {}.",
            offset as i32, len as i32
        );
        return Err(s.rt_error(&msg));
    }
    if offset as u64 > len as u64 {
        let msg = format!(
            "Start offset {} greater than input length {}.",
            offset as i32, len as i32
        );
        return Err(s.rt_error(&msg));
    }
    let offset = offset as usize;
    let decode_all = limit == 0 && offset == 0;
    let limit = if decode_all {
        i64::from(i32::MAX)
    } else {
        limit
    } as usize;
    let mut cursor = Unpacker {
        data: &data,
        pos: offset,
        used: nargs,
    };
    let mut values = Vec::new();
    while cursor.pos < len && values.len() < limit {
        match cursor.value(s) {
            Ok(v) => values.push(v),
            Err(Stop::Eof) => return Err(s.rt_error("Missing bytes in input.")),
            Err(Stop::BadFormat) => return Err(s.rt_error("Bad data format in input.")),
            Err(Stop::Lua(e)) => return Err(e),
        }
    }
    let mut n = values.len();
    if !decode_all {
        let next = if cursor.pos == len {
            -1.0
        } else {
            cursor.pos as f64
        };
        s.push(Value::Number(next));
        n += 1;
    }
    for v in values {
        s.push(v);
    }
    Ok(n)
}

fn unpack(s: &mut State, n: usize) -> Result<usize, LuaError> {
    unpack_full(s, n, 0, 0)
}

fn unpack_one(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let offset = match s.arg(2) {
        Value::Nil => 0,
        _ => s.check_int(2)?,
    };
    unpack_full(s, 1, 1, offset)
}

fn unpack_limit(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let limit = s.check_int(2)?;
    let offset = match s.arg(3) {
        Value::Nil => 0,
        _ => s.check_int(3)?,
    };
    unpack_full(s, 1, limit, offset)
}
