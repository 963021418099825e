//! Roberto Ierusalimschy's struct library as bundled by Redis: `struct.pack`,
//! `struct.unpack` and `struct.size` over the formats `> < ! x b B h H l L T i I s c f d`
//! (sizes of an x86-64 build: `l`, `L`, `T` and `d` are 8 bytes, `i` is 4), with the
//! bounds Redis added after CVE-2015-8080 and CVE-2020-14147: sizes and counts cannot
//! overflow, and positions outside the data are refused.

use lua_core::{LuaError, State, Value};

use crate::libtable::MAX_C_STACK;

/// Largest integral size (`i32` is accepted, `i33` is not).
const MAX_INT_SIZE: usize = 32;
/// Default alignment for `!` without a number (that of a double).
const MAX_ALIGN: usize = 8;

/// Opens the `struct` table as a global.
pub fn open(s: &mut State) {
    crate::libtable::open_lib(
        s,
        "struct",
        &[("pack", pack), ("unpack", unpack), ("size", size)],
    );
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Endian {
    Big,
    Little,
}

/// The format state: byte order and maximum alignment, changed by `>`, `<` and `!`.
struct Header {
    endian: Endian,
    align: usize,
}

impl Default for Header {
    fn default() -> Header {
        Header {
            endian: Endian::Little,
            align: 1,
        }
    }
}

/// A format string being read, up to its first NUL as the C code reads it.
struct Format {
    bytes: Vec<u8>,
    pos: usize,
}

impl Format {
    fn new(mut bytes: Vec<u8>) -> Format {
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            bytes.truncate(nul);
        }
        Format { bytes, pos: 0 }
    }

    fn next_option(&mut self) -> Option<u8> {
        let opt = self.bytes.get(self.pos).copied()?;
        self.pos += 1;
        Some(opt)
    }

    /// `getnum`: the decimal number at the cursor, or `default` when there is none.
    fn number(&mut self, s: &mut State, default: usize) -> Result<usize, LuaError> {
        let mut digits = false;
        let mut a: i32 = 0;
        while let Some(&c) = self.bytes.get(self.pos).filter(|c| c.is_ascii_digit()) {
            let d = i32::from(c - b'0');
            if a > i32::MAX / 10 || a * 10 > i32::MAX - d {
                return Err(s.rt_error("integral size overflow"));
            }
            a = a * 10 + d;
            self.pos += 1;
            digits = true;
        }
        Ok(if digits { a as usize } else { default })
    }

    /// `optsize`: the size of option `opt`, reading its number if it takes one.
    fn size(&mut self, s: &mut State, opt: u8) -> Result<usize, LuaError> {
        Ok(match opt {
            b'B' | b'b' | b'x' => 1,
            b'H' | b'h' => 2,
            b'f' => 4,
            b'L' | b'l' | b'T' | b'd' => 8,
            b'c' => self.number(s, 1)?,
            b'i' | b'I' => {
                let size = self.number(s, 4)?;
                if size > MAX_INT_SIZE {
                    let msg =
                        format!("integral size {size} is larger than limit of {MAX_INT_SIZE}");
                    return Err(s.rt_error(&msg));
                }
                size
            }
            _ => 0,
        })
    }

    /// `controloptions`: spaces, byte order and alignment; anything else is invalid.
    fn control(&mut self, s: &mut State, opt: u8, h: &mut Header) -> Result<(), LuaError> {
        match opt {
            b' ' => {}
            b'>' => h.endian = Endian::Big,
            b'<' => h.endian = Endian::Little,
            b'!' => {
                let a = self.number(s, MAX_ALIGN)?;
                if !a.is_power_of_two() {
                    return Err(s.rt_error(&format!("alignment {a} is not a power of 2")));
                }
                h.align = a;
            }
            _ => {
                let msg = format!("invalid format option '{}'", char::from(opt));
                return Err(s.arg_error(1, &msg));
            }
        }
        Ok(())
    }
}

/// `gettoalign`: padding before an item of `size` bytes at offset `len`.
fn padding(len: usize, h: &Header, opt: u8, size: usize) -> usize {
    if size == 0 || opt == b'c' {
        return 0;
    }
    let size = size.min(h.align);
    size.wrapping_sub(len & (size - 1)) & (size - 1)
}

/// x86-64's `cvttsd2si`: the truncated value, or i64::MIN when it does not fit.
fn to_i64(n: f64) -> i64 {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO_POW_63..TWO_POW_63).contains(&n) {
        n as i64
    } else {
        i64::MIN
    }
}

/// C's `(unsigned long)` of a double as gcc compiles it for x86-64.
fn to_u64(n: f64) -> u64 {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if n >= TWO_POW_63 {
        (to_i64(n - TWO_POW_63) as u64) ^ (1 << 63)
    } else {
        to_i64(n) as u64
    }
}

fn is_integer_option(opt: u8) -> bool {
    matches!(
        opt,
        b'b' | b'B' | b'h' | b'H' | b'l' | b'L' | b'T' | b'i' | b'I'
    )
}

/// Argument `i` of `pack`; past the last one the C code finds the nil it pushed as a mark.
fn pack_arg_error(s: &mut State, nargs: usize, i: usize, expected: &str) -> LuaError {
    if i > nargs {
        return s.arg_error(i, &format!("{expected} expected, got nil"));
    }
    s.type_arg_error(i, expected)
}

fn pack(s: &mut State, nargs: usize) -> Result<usize, LuaError> {
    let mut fmt = Format::new(s.check_string(1)?);
    let mut h = Header::default();
    let mut arg = 2;
    let mut out: Vec<u8> = Vec::new();
    while let Some(opt) = fmt.next_option() {
        s.charge(1)?;
        let mut size = fmt.size(s, opt)?;
        let pad = padding(out.len(), &h, opt, size);
        out.resize(out.len() + pad, 0);
        match opt {
            _ if is_integer_option(opt) || opt == b'f' || opt == b'd' => {
                let n = match s.to_number(s.arg(arg)) {
                    Some(n) => n,
                    None => return Err(pack_arg_error(s, nargs, arg, "number")),
                };
                arg += 1;
                match opt {
                    b'f' => put_bytes(&mut out, &(n as f32).to_le_bytes(), h.endian),
                    b'd' => put_bytes(&mut out, &n.to_le_bytes(), h.endian),
                    _ => put_integer(&mut out, n, h.endian, size),
                }
            }
            b'x' => out.push(0),
            b'c' | b's' => {
                let bytes = match s.arg(arg) {
                    Value::String(r) => s.heap.str(r).to_vec(),
                    Value::Number(n) => lua_core::number::fmt_number(n).into_bytes(),
                    _ => return Err(pack_arg_error(s, nargs, arg, "string")),
                };
                arg += 1;
                if size == 0 {
                    size = bytes.len();
                }
                if bytes.len() < size {
                    return Err(s.arg_error(arg, "string too short"));
                }
                s.check_alloc(out.len().saturating_add(size))?;
                out.extend_from_slice(&bytes[..size]);
                if opt == b's' {
                    out.push(0);
                }
            }
            _ => fmt.control(s, opt, &mut h)?,
        }
    }
    let v = s.str_value(&out);
    s.push(v);
    Ok(1)
}

/// Appends a native (little-endian) representation in byte order `endian`.
fn put_bytes(out: &mut Vec<u8>, le: &[u8], endian: Endian) {
    match endian {
        Endian::Little => out.extend_from_slice(le),
        Endian::Big => out.extend(le.iter().rev()),
    }
}

/// `putinteger`: the number as a 64-bit integer, in `size` bytes (zeros past the eighth).
fn put_integer(out: &mut Vec<u8>, n: f64, endian: Endian, size: usize) {
    let mut value = if n < 0.0 { to_i64(n) as u64 } else { to_u64(n) };
    let mut le = [0u8; MAX_INT_SIZE];
    for b in le.iter_mut().take(size) {
        *b = value as u8;
        value = value.checked_shr(8).unwrap_or(0);
    }
    put_bytes(out, &le[..size], endian);
}

/// `getinteger`: `bytes` as an integer (only the last eight count), sign-extended from the
/// bit the C code's mask picks (its shift count taken mod 64, as x86 does).
fn get_integer(bytes: &[u8], endian: Endian, signed: bool) -> f64 {
    let fold = |acc: u64, &b: &u8| acc << 8 | u64::from(b);
    let mut l = match endian {
        Endian::Big => bytes.iter().fold(0, fold),
        Endian::Little => bytes.iter().rev().fold(0, fold),
    };
    if !signed {
        return l as f64;
    }
    let shift = (bytes.len() * 8).wrapping_sub(1) as u32 & 63;
    let mask = u64::MAX << shift;
    if l & mask != 0 {
        l |= mask;
    }
    l as i64 as f64
}

fn unpack(s: &mut State, nargs: usize) -> Result<usize, LuaError> {
    let mut fmt = Format::new(s.check_string(1)?);
    let data = s.check_string(2)?;
    let len = data.len();
    // luaL_optinteger stored in a size_t: negative positions become huge.
    let mut pos = match s.arg(3) {
        Value::Nil => 1,
        _ => s.check_int(3)? as u64 as usize,
    };
    if pos == 0 {
        return Err(s.arg_error(3, "offset must be 1 or greater"));
    }
    pos -= 1;
    let mut h = Header::default();
    let mut results: Vec<Value> = Vec::new();
    let fits = |pos: usize, size: usize| size <= len && pos <= len - size;
    while let Some(opt) = fmt.next_option() {
        s.charge(1)?;
        let mut size = fmt.size(s, opt)?;
        pos = pos.wrapping_add(padding(pos, &h, opt, size));
        if !fits(pos, size) {
            return Err(s.arg_error(2, "data string too short"));
        }
        if nargs + results.len() + 2 > MAX_C_STACK {
            return Err(s.rt_error("stack overflow (too many results)"));
        }
        match opt {
            _ if is_integer_option(opt) => {
                let signed = opt.is_ascii_lowercase();
                let n = get_integer(&data[pos..pos + size], h.endian, signed);
                results.push(Value::Number(n));
            }
            b'x' => {}
            b'f' | b'd' => {
                let mut le = data[pos..pos + size].to_vec();
                if h.endian == Endian::Big {
                    le.reverse();
                }
                let n = match <[u8; 4]>::try_from(le.as_slice()) {
                    Ok(b) => f64::from(f32::from_le_bytes(b)),
                    Err(_) => <[u8; 8]>::try_from(le.as_slice()).map_or(0.0, f64::from_le_bytes),
                };
                results.push(Value::Number(n));
            }
            b'c' => {
                if size == 0 {
                    let previous = results.last().and_then(|&v| s.to_number(v));
                    let Some(n) = previous else {
                        return Err(s.rt_error("format 'c0' needs a previous size"));
                    };
                    results.pop();
                    size = to_u64(n) as usize;
                    if !fits(pos, size) {
                        return Err(s.arg_error(2, "data string too short"));
                    }
                }
                let v = s.str_value(&data[pos..pos + size]);
                results.push(v);
            }
            b's' => {
                let Some(nul) = data[pos..].iter().position(|&b| b == 0) else {
                    return Err(s.rt_error("unfinished string in data"));
                };
                let v = s.str_value(&data[pos..pos + nul]);
                results.push(v);
                size = nul + 1;
            }
            _ => fmt.control(s, opt, &mut h)?,
        }
        pos = pos.wrapping_add(size);
    }
    let n = results.len();
    for v in results {
        s.push(v);
    }
    s.push(Value::Number(pos.wrapping_add(1) as i64 as f64));
    Ok(n + 1)
}

fn size(s: &mut State, _n: usize) -> Result<usize, LuaError> {
    let mut fmt = Format::new(s.check_string(1)?);
    let mut h = Header::default();
    let mut pos: usize = 0;
    while let Some(opt) = fmt.next_option() {
        s.charge(1)?;
        let size = fmt.size(s, opt)?;
        pos = pos.wrapping_add(padding(pos, &h, opt, size));
        if opt == b's' {
            return Err(s.arg_error(1, "option 's' has no fixed size"));
        }
        if opt == b'c' && size == 0 {
            return Err(s.arg_error(1, "option 'c0' has no fixed size"));
        }
        // Unknown letters and digits are skipped here, as in the C code.
        if !opt.is_ascii_alphanumeric() {
            fmt.control(s, opt, &mut h)?;
        }
        pos = pos.wrapping_add(size);
    }
    s.push(Value::Number(pos as i64 as f64));
    Ok(1)
}
