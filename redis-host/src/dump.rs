//! FUNCTION DUMP / RESTORE payloads in Redis 7.0's format: one
//! `RDB_OPCODE_FUNCTION2` entry per library holding its code as an RDB string
//! (LZF-compressed when that saves space, as Redis does), then the RDB version
//! (2 bytes) and a CRC64 of everything before it (8 bytes, little-endian).

/// `RDB_OPCODE_FUNCTION2`.
const OPCODE_FUNCTION2: u8 = 245;
/// The RDB version Redis 7.0 writes.
const RDB_VERSION: u16 = 10;
/// `RDB_ENC_LZF`: an LZF-compressed string follows.
const ENC_LZF: u8 = 0xC3;

/// Redis's CRC-64 (Jones polynomial, reflected, initial value 0).
pub fn crc64(data: &[u8]) -> u64 {
    let mut crc = 0u64;
    for &b in data {
        crc ^= u64::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0x95AC_9329_AC4B_C9B5
            } else {
                crc >> 1
            };
        }
    }
    crc
}

/// `rdbSaveLen`.
fn write_len(out: &mut Vec<u8>, len: usize) {
    if len < 1 << 6 {
        out.push(len as u8);
    } else if len < 1 << 14 {
        out.push(0x40 | (len >> 8) as u8);
        out.push(len as u8);
    } else if let Ok(l) = u32::try_from(len) {
        out.push(0x80);
        out.extend_from_slice(&l.to_be_bytes());
    } else {
        out.push(0x81);
        out.extend_from_slice(&(len as u64).to_be_bytes());
    }
}

/// `rdbLoadLen`: the length, or the encoding byte's low bits for encoded strings.
fn read_len(data: &[u8], pos: &mut usize) -> Option<(usize, bool)> {
    let first = *data.get(*pos)?;
    *pos += 1;
    match first >> 6 {
        0 => Some((usize::from(first & 0x3f), false)),
        1 => {
            let second = *data.get(*pos)?;
            *pos += 1;
            Some((
                (usize::from(first & 0x3f) << 8) | usize::from(second),
                false,
            ))
        }
        2 => {
            let width = match first {
                0x80 => 4,
                0x81 => 8,
                _ => return None,
            };
            let bytes = data.get(*pos..*pos + width)?;
            *pos += width;
            let n = bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            Some((usize::try_from(n).ok()?, false))
        }
        _ => Some((usize::from(first & 0x3f), true)),
    }
}

/// liblzf's `lzf_compress` with Redis's settings (HLOG 16, VERY_FAST), into at
/// most `out_len` bytes; `None` when the output would not fit.
pub fn lzf_compress(input: &[u8], out_len: usize) -> Option<Vec<u8>> {
    const HLOG: u32 = 16;
    const MAX_LIT: usize = 1 << 5;
    const MAX_OFF: usize = 1 << 13;
    const MAX_REF: usize = (1 << 8) + (1 << 3);
    let in_len = input.len();
    if in_len == 0 || out_len == 0 {
        return None;
    }
    let idx = |h: u32| -> usize {
        ((h >> (24 - HLOG)).wrapping_sub(h.wrapping_mul(5)) & ((1 << HLOG) - 1)) as usize
    };
    let frst = |p: usize| (u32::from(input[p]) << 8) | u32::from(input[p + 1]);
    let next = |v: u32, p: usize| (v << 8) | u32::from(input[p + 2]);
    // Positions are stored plus one, so 0 means an empty slot.
    let mut htab = vec![0usize; 1 << HLOG];
    let mut out = vec![0u8; out_len];
    let (mut ip, mut op, mut lit) = (0usize, 1usize, 0usize);
    let mut hval = if in_len >= 2 { frst(0) } else { 0 };
    while in_len >= 3 && ip < in_len - 2 {
        hval = next(hval, ip);
        let slot = idx(hval);
        let reference = htab[slot];
        htab[slot] = ip + 1;
        let candidate = reference.checked_sub(1).filter(|&r| r < ip);
        let matched = candidate.filter(|&r| {
            ip - r - 1 < MAX_OFF
                && r > 0
                && input[r + 2] == input[ip + 2]
                && input[r] == input[ip]
                && input[r + 1] == input[ip + 1]
        });
        if let Some(r) = matched {
            let off = ip - r - 1;
            let mut len = 2;
            let maxlen = (in_len - ip - len).min(MAX_REF);
            if op + 3 + 1 >= out_len && op - usize::from(lit == 0) + 3 + 1 >= out_len {
                return None;
            }
            out[op - lit - 1] = (lit as u8).wrapping_sub(1);
            op -= usize::from(lit == 0);
            loop {
                len += 1;
                if !(len < maxlen && input[r + len] == input[ip + len]) {
                    break;
                }
            }
            len -= 2;
            ip += 1;
            if len < 7 {
                out[op] = ((off >> 8) + (len << 5)) as u8;
                op += 1;
            } else {
                out[op] = ((off >> 8) + (7 << 5)) as u8;
                out[op + 1] = (len - 7) as u8;
                op += 2;
            }
            out[op] = off as u8;
            op += 1;
            lit = 0;
            op += 1;
            ip += len + 1;
            if ip >= in_len - 2 {
                break;
            }
            ip -= 2;
            hval = frst(ip);
            for _ in 0..2 {
                hval = next(hval, ip);
                htab[idx(hval)] = ip + 1;
                ip += 1;
            }
        } else {
            if op >= out_len {
                return None;
            }
            lit += 1;
            out[op] = input[ip];
            op += 1;
            ip += 1;
            if lit == MAX_LIT {
                out[op - lit - 1] = (lit - 1) as u8;
                lit = 0;
                op += 1;
            }
        }
    }
    if op + 3 > out_len {
        return None;
    }
    while ip < in_len {
        lit += 1;
        out[op] = input[ip];
        op += 1;
        ip += 1;
        if lit == MAX_LIT {
            out[op - lit - 1] = (lit - 1) as u8;
            lit = 0;
            op += 1;
        }
    }
    out[op - lit - 1] = (lit as u8).wrapping_sub(1);
    op -= usize::from(lit == 0);
    out.truncate(op);
    Some(out)
}

/// liblzf's `lzf_decompress`; `None` for corrupt input or a size mismatch.
pub fn lzf_decompress(input: &[u8], out_len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(out_len);
    let mut ip = 0;
    while ip < input.len() {
        let ctrl = usize::from(input[ip]);
        ip += 1;
        if ctrl < 32 {
            let run = input.get(ip..ip + ctrl + 1)?;
            out.extend_from_slice(run);
            ip += ctrl + 1;
        } else {
            let mut len = ctrl >> 5;
            if len == 7 {
                len += usize::from(*input.get(ip)?);
                ip += 1;
            }
            let back = ((ctrl & 0x1f) << 8) + usize::from(*input.get(ip)?) + 1;
            ip += 1;
            let start = out.len().checked_sub(back)?;
            for i in 0..len + 2 {
                let b = out[start + i];
                out.push(b);
            }
        }
        if out.len() > out_len {
            return None;
        }
    }
    (out.len() == out_len).then_some(out)
}

/// `rdbSaveRawString` for a library's code.
fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    if s.len() > 20 {
        if let Some(compressed) = lzf_compress(s, s.len() - 4) {
            out.push(ENC_LZF);
            write_len(out, compressed.len());
            write_len(out, s.len());
            out.extend_from_slice(&compressed);
            return;
        }
    }
    write_len(out, s.len());
    out.extend_from_slice(s);
}

fn read_string(data: &[u8], pos: &mut usize) -> Option<Vec<u8>> {
    let (len, encoded) = read_len(data, pos)?;
    if !encoded {
        let s = data.get(*pos..*pos + len)?.to_vec();
        *pos += len;
        return Some(s);
    }
    // Only LZF (3) can hold library code; the integer encodings are too short.
    if len != 3 {
        return None;
    }
    let (clen, _) = read_len(data, pos)?;
    let (ulen, _) = read_len(data, pos)?;
    let compressed = data.get(*pos..*pos + clen)?;
    *pos += clen;
    lzf_decompress(compressed, ulen)
}

/// The FUNCTION DUMP payload for libraries with `codes`.
pub fn dump<'a>(codes: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    for code in codes {
        out.push(OPCODE_FUNCTION2);
        write_string(&mut out, code);
    }
    out.extend_from_slice(&RDB_VERSION.to_le_bytes());
    let crc = crc64(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// The library codes in a FUNCTION RESTORE payload, or Redis's error.
pub fn parse(payload: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let wrong = || "ERR DUMP payload version or checksum are wrong".to_string();
    if payload.len() < 10 {
        return Err(wrong());
    }
    let (body, footer) = payload.split_at(payload.len() - 10);
    let version = u16::from_le_bytes([footer[0], footer[1]]);
    let mut crc = [0u8; 8];
    crc.copy_from_slice(&footer[2..]);
    if version > RDB_VERSION || crc64(&payload[..payload.len() - 8]) != u64::from_le_bytes(crc) {
        return Err(wrong());
    }
    let mut codes = Vec::new();
    let mut pos = 0;
    while pos < body.len() {
        if body[pos] != OPCODE_FUNCTION2 {
            return Err("ERR given type is not a function".into());
        }
        pos += 1;
        let code =
            read_string(body, &mut pos).ok_or_else(|| "ERR Failed loading library".to_string())?;
        codes.push(code);
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc64_matches_redis_test_vector() {
        assert_eq!(crc64(b"123456789"), 0xe9c6_d914_c4b8_d9ca);
    }

    #[test]
    fn lzf_round_trips_and_compresses_repetitions() {
        let text = b"redis.register_function('f', function() return 1 end) redis.register_function('g', function() return 1 end)";
        let c = lzf_compress(text, text.len() - 4).expect("compressible");
        assert!(c.len() < text.len());
        assert_eq!(lzf_decompress(&c, text.len()).unwrap(), text.to_vec());
    }

    #[test]
    fn payloads_round_trip_and_reject_corruption() {
        let codes: Vec<&[u8]> = vec![
            b"#!lua name=a\nshort",
            b"#!lua name=b\nredis.register_function('x', function() end)",
        ];
        let p = dump(codes.iter().copied());
        assert_eq!(
            parse(&p).unwrap(),
            codes.iter().map(|c| c.to_vec()).collect::<Vec<_>>()
        );
        let mut bad = p.clone();
        bad[3] ^= 1;
        assert!(parse(&bad).is_err());
    }
}
