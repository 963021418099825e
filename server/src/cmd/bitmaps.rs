//! Bitmap commands over string values: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP,
//! BITFIELD and BITFIELD_RO. Bit 0 is the most significant bit of the first byte.

use bytes::Bytes;

use super::{arg, int_arg, is};
use crate::client::Client;
use crate::command::Handler;
use crate::db::{Entry, StringEncoding, Value};
use crate::executor::{err, Exec};
use crate::frame::parse_i64;
use crate::reply::Reply;

/// The bitmap handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("setbit", setbit),
    ("getbit", getbit),
    ("bitcount", bitcount),
    ("bitpos", bitpos),
    ("bitop", bitop),
    ("bitfield", bitfield),
    ("bitfield_ro", bitfield_ro),
];

const BAD_OFFSET: &str = "ERR bit offset is not an integer or out of range";
const BAD_BIT: &str = "ERR bit is not an integer or out of range";
const BAD_TYPE: &str =
    "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

/// Parses a bit offset; with `bits` (BITFIELD), `#n` means `n * bits`. Offsets must
/// address a byte below `proto-max-bulk-len`.
fn offset_arg(ex: &Exec, a: &[u8], bits: Option<u32>) -> Result<u64, Reply> {
    let bad = || Reply::error(BAD_OFFSET);
    let (digits, multiplier) = match (a.first(), bits) {
        (Some(b'#'), Some(bits)) => (&a[1..], i64::from(bits)),
        _ => (a, 1),
    };
    // Redis multiplies in C, where an overflow wraps.
    let offset = parse_i64(digits).ok_or_else(bad)?.wrapping_mul(multiplier);
    if offset < 0 || (offset >> 3) >= ex.config.proto_max_bulk_len {
        return Err(bad());
    }
    Ok(offset as u64)
}

/// The entry at `key`, counting a keyspace hit or miss as Redis's lookupKeyRead does.
pub(super) fn lookup_read<'a>(ex: &'a mut Exec, c: &Client, key: &[u8]) -> Option<&'a mut Entry> {
    let now = ex.now_ms;
    let last = ex.dbs.len().saturating_sub(1);
    let entry = ex
        .dbs
        .get_mut(c.db.min(last))
        .and_then(|db| db.lookup(key, now));
    if entry.is_some() {
        ex.stats.keyspace_hits += 1;
    } else {
        ex.stats.keyspace_misses += 1;
    }
    entry
}

/// The string at `key` for reading; `Ok(None)` when missing, WRONGTYPE for other types.
fn read_string<'a>(ex: &'a mut Exec, c: &Client, key: &[u8]) -> Result<Option<&'a [u8]>, Reply> {
    match lookup_read(ex, c, key).map(|e| &e.value) {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.as_slice())),
        Some(_) => Err(Reply::error(err::WRONGTYPE)),
    }
}

/// The string at `key` for writing, created or zero-padded to at least `len` bytes;
/// it becomes a `raw` string, as Redis unshares it.
fn string_for_write<'a>(
    ex: &'a mut Exec,
    c: &Client,
    key: &[u8],
    len: usize,
) -> Result<&'a mut Vec<u8>, Reply> {
    let now = ex.now_ms;
    let db = ex.db(c);
    if db.peek(key, now).is_none() {
        let mut s = Vec::new();
        zero_pad(&mut s, len)?;
        db.set(key, Value::Str(s.into()), now);
    }
    let Some(entry) = db.lookup(key, now) else {
        return Err(Reply::error(err::WRONGTYPE));
    };
    entry.set_string_encoding(StringEncoding::Raw);
    let Value::Str(s) = &mut entry.value else {
        return Err(Reply::error(err::WRONGTYPE));
    };
    let s = s.as_vec_mut();
    zero_pad(s, len)?;
    Ok(s)
}

/// Pads `s` with zeros to `len` bytes. The allocation may fail when
/// `proto-max-bulk-len` was raised far: that is an error reply, not an abort (Redis
/// would exit).
fn zero_pad(s: &mut Vec<u8>, len: usize) -> Result<(), Reply> {
    if s.len() < len {
        s.try_reserve_exact(len - s.len())
            .map_err(|_| Reply::error(format!("ERR Out of memory allocating {len} bytes")))?;
        s.resize(len, 0);
    }
    Ok(())
}

/// Bit `offset` of `s` (zero past the end).
fn bit_at(s: &[u8], offset: u64) -> bool {
    let byte = usize::try_from(offset >> 3).unwrap_or(usize::MAX);
    s.get(byte).is_some_and(|b| b & (0x80 >> (offset & 7)) != 0)
}

fn setbit(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let offset = match offset_arg(ex, arg(argv, 2), None) {
        Ok(o) => o,
        Err(e) => return e,
    };
    let on = match parse_i64(arg(argv, 3)) {
        Some(v @ (0 | 1)) => v == 1,
        _ => return Reply::error(BAD_BIT),
    };
    let byte = (offset >> 3) as usize;
    let s = match string_for_write(ex, c, arg(argv, 1), byte + 1) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let old = bit_at(s, offset);
    let mask = 0x80u8 >> (offset & 7);
    if let Some(b) = s.get_mut(byte) {
        if on {
            *b |= mask;
        } else {
            *b &= !mask;
        }
    }
    Reply::Integer(i64::from(old))
}

fn getbit(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let offset = match offset_arg(ex, arg(argv, 2), None) {
        Ok(o) => o,
        Err(e) => return e,
    };
    match read_string(ex, c, arg(argv, 1)) {
        Ok(s) => Reply::Integer(i64::from(s.is_some_and(|s| bit_at(s, offset)))),
        Err(e) => e,
    }
}

/// Set bits in `bytes`, eight bytes at a time.
fn popcount(bytes: &[u8]) -> u64 {
    let mut words = bytes.chunks_exact(8);
    let mut n: u64 = 0;
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        n += u64::from(u64::from_ne_bytes(word).count_ones());
    }
    n + words
        .remainder()
        .iter()
        .map(|b| u64::from(b.count_ones()))
        .sum::<u64>()
}

/// A start..=end range of BITCOUNT or BITPOS resolved against a string of `len` bytes,
/// in bits: negative indexes count from the end, then both are clamped. `None` when
/// empty.
fn bit_range(start: i64, end: i64, len: usize, in_bits: bool) -> Option<(u64, u64)> {
    let unit = if in_bits { 1 } else { 8 };
    let total = len as i64 * 8 / unit;
    let mut start = if start < 0 { total + start } else { start };
    let mut end = if end < 0 { total + end } else { end };
    start = start.max(0);
    end = end.max(0).min(total - 1);
    if start > end {
        return None;
    }
    // In bytes the range covers whole bytes.
    Some(((start * unit) as u64, (end * unit + unit - 1) as u64))
}

/// Parses an optional BYTE|BIT unit argument.
fn unit_arg(a: Option<&Bytes>) -> Result<bool, Reply> {
    match a {
        None => Ok(false),
        Some(a) if is(a, "bit") => Ok(true),
        Some(a) if is(a, "byte") => Ok(false),
        Some(_) => Err(Reply::error(err::SYNTAX)),
    }
}

/// Set bits of `s` between bits `from` and `to` inclusive (both inside `s`).
fn count_bits(s: &[u8], from: u64, to: u64) -> u64 {
    let (first, last) = ((from >> 3) as usize, (to >> 3) as usize);
    let Some(bytes) = s.get(first..=last) else {
        return 0;
    };
    let mut n = popcount(bytes);
    // Take away the bits of the edge bytes outside the range.
    let head = bytes.first().map_or(0, |b| b & !(0xffu8 >> (from & 7)));
    let tail = bytes.last().map_or(0, |b| {
        b & 0xffu8.checked_shr((to & 7) as u32 + 1).unwrap_or(0)
    });
    n -= u64::from(head.count_ones() + tail.count_ones());
    n
}

fn bitcount(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let s = match read_string(ex, c, arg(argv, 1)) {
        Ok(Some(s)) => s,
        Ok(None) => return Reply::Integer(0),
        Err(e) => return e,
    };
    let (from, to) = match argv.len() {
        2 if s.is_empty() => return Reply::Integer(0),
        2 => (0, s.len() as u64 * 8 - 1),
        4 | 5 => {
            let (start, end) = match (int_arg(arg(argv, 2)), int_arg(arg(argv, 3))) {
                (Ok(start), Ok(end)) => (start, end),
                (Err(e), _) | (_, Err(e)) => return e,
            };
            if start < 0 && end < 0 && start > end {
                return Reply::Integer(0);
            }
            let in_bits = match unit_arg(argv.get(4)) {
                Ok(b) => b,
                Err(e) => return e,
            };
            match bit_range(start, end, s.len(), in_bits) {
                Some(range) => range,
                None => return Reply::Integer(0),
            }
        }
        _ => return Reply::error(err::SYNTAX),
    };
    Reply::Integer(count_bits(s, from, to) as i64)
}

/// The first bit equal to `one` of `s` between bits `from` and `to` inclusive (both
/// inside `s`), skipping eight uninteresting bytes at a time.
fn first_bit(s: &[u8], from: u64, to: u64, one: bool) -> Option<u64> {
    let (first, last) = ((from >> 3) as usize, (to >> 3) as usize);
    let flip = if one { 0 } else { 0xff };
    let skip_word = if one { 0 } else { u64::MAX };
    let mut i = first;
    while i <= last {
        if i > first && i + 8 <= last {
            if let Some(w) = s.get(i..i + 8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(w);
                if u64::from_ne_bytes(word) == skip_word {
                    i += 8;
                    continue;
                }
            }
        }
        let mut b = s.get(i).copied().unwrap_or(0) ^ flip;
        if i == first {
            b &= 0xff >> (from & 7);
        }
        if i == last {
            b &= !0xffu8.checked_shr((to & 7) as u32 + 1).unwrap_or(0);
        }
        if b != 0 {
            return Some(i as u64 * 8 + u64::from(b.leading_zeros()));
        }
        i += 1;
    }
    None
}

fn bitpos(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let one = match int_arg(arg(argv, 2)) {
        Ok(b @ (0 | 1)) => b == 1,
        Ok(_) => return Reply::error("ERR The bit argument must be 1 or 0."),
        Err(e) => return e,
    };
    let s = match read_string(ex, c, arg(argv, 1)) {
        // A missing key is an endless run of zeros.
        Ok(None) => return Reply::Integer(if one { -1 } else { 0 }),
        Ok(Some(s)) => s,
        Err(e) => return e,
    };
    let end_given = argv.len() >= 5;
    let range = match argv.len() {
        3 => bit_range(0, -1, s.len(), false),
        4..=6 => {
            let start = match int_arg(arg(argv, 3)) {
                Ok(n) => n,
                Err(e) => return e,
            };
            let in_bits = match unit_arg(argv.get(5)) {
                Ok(b) => b,
                Err(e) => return e,
            };
            let end = if end_given {
                match int_arg(arg(argv, 4)) {
                    Ok(n) => n,
                    Err(e) => return e,
                }
            } else {
                -1
            };
            bit_range(start, end, s.len(), in_bits)
        }
        _ => return Reply::error(err::SYNTAX),
    };
    let Some((from, to)) = range else {
        return Reply::Integer(-1);
    };
    match first_bit(s, from, to, one) {
        Some(pos) => Reply::Integer(pos as i64),
        // Without an end, the string continues with zeros after the range.
        None if !one && !end_given => Reply::Integer((to + 1) as i64),
        None => Reply::Integer(-1),
    }
}

fn bitop(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    let op = arg(argv, 1).to_ascii_lowercase();
    if !matches!(op.as_slice(), b"and" | b"or" | b"xor" | b"not") {
        return Reply::error(err::SYNTAX);
    }
    if op == b"not" && argv.len() != 4 {
        return Reply::error("ERR BITOP NOT must be called with a single source key.");
    }
    let sources = &argv[3.min(argv.len())..];
    for key in sources {
        if let Err(e) = read_string(ex, c, key) {
            return e;
        }
    }
    let now = ex.now_ms;
    let db = &*ex.db(c);
    let strings: Vec<&[u8]> = sources
        .iter()
        .map(|k| match db.peek(k, now).map(|e| &e.value) {
            Some(Value::Str(s)) => s.as_slice(),
            _ => &[],
        })
        .collect();
    let max_len = strings.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut result = vec![0u8; max_len];
    if let Some(first) = strings.first() {
        result[..first.len()].copy_from_slice(first);
    }
    for s in strings.iter().skip(1) {
        match op.as_slice() {
            b"and" => {
                result.iter_mut().zip(s.iter()).for_each(|(r, b)| *r &= b);
                // A shorter string counts as zeros past its end.
                if let Some(rest) = result.get_mut(s.len()..) {
                    rest.fill(0);
                }
            }
            b"or" => result.iter_mut().zip(s.iter()).for_each(|(r, b)| *r |= b),
            _ => result.iter_mut().zip(s.iter()).for_each(|(r, b)| *r ^= b),
        }
    }
    if op == b"not" {
        result.iter_mut().for_each(|r| *r = !*r);
    }
    let dest = arg(argv, 2);
    let db = ex.db(c);
    if max_len == 0 {
        db.remove(dest, now);
    } else {
        db.set(dest, Value::Str(result.into()), now);
        db.set_string_encoding(dest, StringEncoding::Raw);
    }
    Reply::Integer(max_len as i64)
}

/// What BITFIELD does when a value does not fit its type.
#[derive(Clone, Copy, PartialEq)]
enum Overflow {
    Wrap,
    Sat,
    Fail,
}

/// One BITFIELD operation.
#[derive(Clone, Copy, PartialEq)]
enum FieldOp {
    Get,
    Set(i64),
    IncrBy(i64),
}

/// A parsed BITFIELD operation on a field of `bits` bits at bit `offset`.
struct Field {
    op: FieldOp,
    signed: bool,
    bits: u32,
    offset: u64,
    overflow: Overflow,
}

/// Parses a BITFIELD type: `i1`..`i64` or `u1`..`u63` (lowercase only). Redis reads the width as a C
/// string, so it ends at a NUL byte.
fn field_type(a: &[u8]) -> Result<(bool, u32), Reply> {
    let signed = match a.first() {
        Some(b'i') => true,
        Some(b'u') => false,
        _ => return Err(Reply::error(BAD_TYPE)),
    };
    let width = a[1..].split(|&b| b == 0).next().unwrap_or(b"");
    match parse_i64(width) {
        Some(bits @ 1..=64) if signed || bits <= 63 => Ok((signed, bits as u32)),
        _ => Err(Reply::error(BAD_TYPE)),
    }
}

/// The unsigned field of `bits` bits at bit `offset` of `s` (zeros past the end).
fn get_field(s: &[u8], offset: u64, bits: u32) -> u64 {
    (0..u64::from(bits)).fold(0, |v, j| (v << 1) | u64::from(bit_at(s, offset + j)))
}

/// The signed field: its top bit extended.
fn get_signed_field(s: &[u8], offset: u64, bits: u32) -> i64 {
    let v = get_field(s, offset, bits);
    if bits < 64 && v & (1 << (bits - 1)) != 0 {
        (v | (u64::MAX << bits)) as i64
    } else {
        v as i64
    }
}

/// Writes the low `bits` bits of `value` at bit `offset` of `s` (which covers them).
fn set_field(s: &mut [u8], offset: u64, bits: u32, value: u64) {
    for j in 0..u64::from(bits) {
        let pos = offset + j;
        let mask = 0x80u8 >> (pos & 7);
        if let Some(b) = usize::try_from(pos >> 3).ok().and_then(|i| s.get_mut(i)) {
            if value & (1 << (u64::from(bits) - 1 - j)) != 0 {
                *b |= mask;
            } else {
                *b &= !mask;
            }
        }
    }
}

/// Redis's checkSignedBitfieldOverflow: `None` when `value + incr` fits, else the value
/// to store under `overflow` (unused for FAIL). Its wrapping arithmetic is kept.
fn signed_overflow(value: i64, incr: i64, bits: u32, overflow: Overflow) -> Option<i64> {
    let max = if bits == 64 {
        i64::MAX
    } else {
        (1i64 << (bits - 1)) - 1
    };
    let min = -max - 1;
    let max_incr = (max as u64).wrapping_sub(value as u64) as i64;
    let min_incr = min.wrapping_sub(value);
    let wrapped = || {
        let mut c = (value as u64).wrapping_add(incr as u64);
        if bits < 64 {
            let mask = u64::MAX << bits;
            if c & (1 << (bits - 1)) != 0 {
                c |= mask;
            } else {
                c &= !mask;
            }
        }
        c as i64
    };
    let limit = if value > max
        || (bits != 64 && incr > max_incr)
        || (value >= 0 && incr > 0 && incr > max_incr)
    {
        max
    } else if value < min
        || (bits != 64 && incr < min_incr)
        || (value < 0 && incr < 0 && incr < min_incr)
    {
        min
    } else {
        return None;
    };
    Some(match overflow {
        Overflow::Wrap => wrapped(),
        Overflow::Sat | Overflow::Fail => limit,
    })
}

/// Redis's checkUnsignedBitfieldOverflow, like [`signed_overflow`].
fn unsigned_overflow(value: u64, incr: i64, bits: u32, overflow: Overflow) -> Option<u64> {
    let max = u64::MAX.checked_shr(64 - bits).unwrap_or(0);
    let max_incr = max.wrapping_sub(value) as i64;
    let min_incr = value.wrapping_neg() as i64;
    let limit = if value > max || (incr > 0 && incr > max_incr) {
        max
    } else if incr < 0 && incr < min_incr {
        0
    } else {
        return None;
    };
    Some(match overflow {
        Overflow::Wrap => value.wrapping_add(incr as u64) & max,
        Overflow::Sat | Overflow::Fail => limit,
    })
}

/// Parses the BITFIELD operations after the key.
fn parse_fields(ex: &Exec, argv: &[Bytes]) -> Result<Vec<Field>, Reply> {
    let mut fields = Vec::new();
    let mut overflow = Overflow::Wrap;
    let mut j = 2;
    while j < argv.len() {
        let left = argv.len() - j - 1;
        let name = arg(argv, j);
        let op = if is(name, "get") && left >= 2 {
            FieldOp::Get
        } else if is(name, "set") && left >= 3 {
            FieldOp::Set(0)
        } else if is(name, "incrby") && left >= 3 {
            FieldOp::IncrBy(0)
        } else if is(name, "overflow") && left >= 1 {
            let kind = arg(argv, j + 1);
            overflow = if is(kind, "wrap") {
                Overflow::Wrap
            } else if is(kind, "sat") {
                Overflow::Sat
            } else if is(kind, "fail") {
                Overflow::Fail
            } else {
                return Err(Reply::error("ERR Invalid OVERFLOW type specified"));
            };
            j += 2;
            continue;
        } else {
            return Err(Reply::error(err::SYNTAX));
        };
        let (signed, bits) = field_type(arg(argv, j + 1))?;
        let offset = offset_arg(ex, arg(argv, j + 2), Some(bits))?;
        let op = match op {
            FieldOp::Get => FieldOp::Get,
            FieldOp::Set(_) => FieldOp::Set(int_arg(arg(argv, j + 3))?),
            FieldOp::IncrBy(_) => FieldOp::IncrBy(int_arg(arg(argv, j + 3))?),
        };
        fields.push(Field {
            op,
            signed,
            bits,
            offset,
            overflow,
        });
        j += if op == FieldOp::Get { 3 } else { 4 };
    }
    Ok(fields)
}

/// Runs one SET or INCRBY on `s`: the reply (the old value for SET, the new one for
/// INCRBY, null when FAIL refuses it).
fn write_field(s: &mut [u8], f: &Field) -> Reply {
    let (incr, is_set) = match f.op {
        FieldOp::Set(v) => (v, true),
        FieldOp::IncrBy(by) => (by, false),
        FieldOp::Get => return Reply::Null,
    };
    let (reply, new) = if f.signed {
        let old = get_signed_field(s, f.offset, f.bits);
        let (value, by) = if is_set { (incr, 0) } else { (old, incr) };
        let new = signed_overflow(value, by, f.bits, f.overflow);
        if new.is_some() && f.overflow == Overflow::Fail {
            return Reply::Null;
        }
        let new = new.unwrap_or(value.wrapping_add(by));
        (if is_set { old } else { new }, new as u64)
    } else {
        let old = get_field(s, f.offset, f.bits);
        let (value, by) = if is_set {
            (incr as u64, 0)
        } else {
            (old, incr)
        };
        let new = unsigned_overflow(value, by, f.bits, f.overflow);
        if new.is_some() && f.overflow == Overflow::Fail {
            return Reply::Null;
        }
        let new = new.unwrap_or(value.wrapping_add(by as u64));
        ((if is_set { old } else { new }) as i64, new)
    };
    set_field(s, f.offset, f.bits, new);
    Reply::Integer(reply)
}

fn bitfield_generic(ex: &mut Exec, c: &mut Client, argv: &[Bytes], read_only: bool) -> Reply {
    let fields = match parse_fields(ex, argv) {
        Ok(f) => f,
        Err(e) => return e,
    };
    let key = arg(argv, 1);
    let highest_write = fields
        .iter()
        .filter(|f| f.op != FieldOp::Get)
        .map(|f| f.offset + u64::from(f.bits) - 1)
        .max();
    let Some(highest) = highest_write else {
        let s = match read_string(ex, c, key) {
            Ok(s) => s.unwrap_or(&[]),
            Err(e) => return e,
        };
        return Reply::Array(fields.iter().map(|f| read_field(s, f)).collect());
    };
    if read_only {
        return Reply::error("ERR BITFIELD_RO only supports the GET subcommand");
    }
    let s = match string_for_write(ex, c, key, (highest >> 3) as usize + 1) {
        Ok(s) => s,
        Err(e) => return e,
    };
    Reply::Array(
        fields
            .iter()
            .map(|f| match f.op {
                FieldOp::Get => read_field(s, f),
                _ => write_field(s, f),
            })
            .collect(),
    )
}

/// A GET's reply.
fn read_field(s: &[u8], f: &Field) -> Reply {
    Reply::Integer(if f.signed {
        get_signed_field(s, f.offset, f.bits)
    } else {
        get_field(s, f.offset, f.bits) as i64
    })
}

fn bitfield(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    bitfield_generic(ex, c, argv, false)
}

fn bitfield_ro(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    bitfield_generic(ex, c, argv, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes with long runs of zeros and ones, so the word-at-a-time paths run.
    fn sample() -> Vec<u8> {
        let mut s = vec![0u8; 40];
        s.extend_from_slice(&[0xff; 30]);
        s.extend_from_slice(&[0x5a, 0x01, 0x80, 0x00, 0xfe, 0x7f]);
        s.extend_from_slice(&[0; 20]);
        s
    }

    #[test]
    fn counts_and_searches_match_a_bit_by_bit_scan() {
        let s = sample();
        let bits = s.len() as u64 * 8;
        for from in (0..bits).step_by(3) {
            for to in (from..bits).step_by(7) {
                let naive = (from..=to).filter(|&i| bit_at(&s, i)).count() as u64;
                assert_eq!(count_bits(&s, from, to), naive, "count {from}..={to}");
                for one in [false, true] {
                    let naive = (from..=to).find(|&i| bit_at(&s, i) == one);
                    assert_eq!(
                        first_bit(&s, from, to, one),
                        naive,
                        "pos {one} {from}..={to}"
                    );
                }
            }
        }
    }

    #[test]
    fn fields_round_trip_at_any_alignment() {
        let mut s = vec![0u8; 12];
        for bits in [1, 5, 8, 13, 63, 64] {
            for offset in [0, 3, 9, 17] {
                let value = 0xdead_beef_cafe_f00du64 & u64::MAX >> (64 - bits);
                set_field(&mut s, offset, bits, value);
                assert_eq!(get_field(&s, offset, bits), value, "u{bits} at {offset}");
            }
        }
        set_field(&mut s, 4, 8, 0x80);
        assert_eq!(get_signed_field(&s, 4, 8), -128);
    }
}
