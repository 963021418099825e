//! HyperLogLog sketches in Redis 7.0's exact byte representation, so that PFCOUNT gives
//! Redis's numbers and GET of a sketch gives Redis's bytes.
//!
//! A sketch is a string: a 16-byte header (`HYLL`, the encoding, three unused bytes, the
//! cached cardinality in little endian whose top bit marks it stale) then 16384 6-bit
//! registers, either dense (12288 packed bytes) or sparse (run-length opcodes: ZERO
//! `00xxxxxx`, XZERO `01xxxxxx yyyyyyyy`, VAL `1vvvvvxx`). A sparse sketch becomes dense
//! when a register exceeds 32 or the string would outgrow `hll-sparse-max-bytes`.

/// Bits of the hash that select a register.
const P: u32 = 14;
/// Bits of the hash left for the run of zeros.
const Q: usize = 64 - P as usize;
/// Number of registers.
pub const REGISTERS: usize = 1 << P;
/// Largest register value.
const REGISTER_MAX: u8 = 63;
/// Bytes of the header.
pub const HEADER_LEN: usize = 16;
/// Bytes of a dense sketch.
pub const DENSE_LEN: usize = HEADER_LEN + (REGISTERS * 6).div_ceil(8);
/// Encoding byte of a dense sketch.
const DENSE: u8 = 0;
/// Encoding byte of a sparse sketch.
const SPARSE: u8 = 1;
/// Largest value a sparse VAL opcode holds.
const SPARSE_VAL_MAX_VALUE: u8 = 32;
/// Longest run a sparse VAL opcode holds.
const SPARSE_VAL_MAX_LEN: usize = 4;
/// Longest run a sparse ZERO opcode holds.
const SPARSE_ZERO_MAX_LEN: usize = 64;
/// Longest run a sparse XZERO opcode holds.
const SPARSE_XZERO_MAX_LEN: usize = 16384;
/// The estimator's constant, 0.5 / ln 2.
const ALPHA_INF: f64 = 0.721_347_520_444_481_7;

/// A sketch whose registers do not add up (Redis's INVALIDOBJ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrupted;

/// MurmurHash64A, Redis's variant (little-endian blocks).
pub fn murmur64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut blocks = key.chunks_exact(8);
    for block in &mut blocks {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        let mut k = u64::from_le_bytes(word).wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// The register an element goes to and the length of its run of zeros plus one.
pub fn register_of(element: &[u8]) -> (usize, u8) {
    let hash = murmur64a(element, 0xadc8_3b19);
    let index = (hash & (REGISTERS as u64 - 1)) as usize;
    // The sentinel bit bounds the count at Q + 1.
    let rest = (hash >> P) | (1u64 << Q);
    (index, rest.trailing_zeros() as u8 + 1)
}

/// Whether `s` is a sketch Redis accepts (else WRONGTYPE "not a valid HyperLogLog").
pub fn is_valid(s: &[u8]) -> bool {
    s.len() >= HEADER_LEN
        && s.starts_with(b"HYLL")
        && (s[4] == SPARSE || (s[4] == DENSE && s.len() == DENSE_LEN))
}

/// Whether a valid sketch is sparse.
pub fn is_sparse(s: &[u8]) -> bool {
    s.get(4) == Some(&SPARSE)
}

/// A new, empty, sparse sketch (its cached cardinality 0 and valid).
pub fn new_sketch() -> Vec<u8> {
    let mut s = b"HYLL".to_vec();
    s.resize(HEADER_LEN, 0);
    s[4] = SPARSE;
    let mut left = REGISTERS;
    while left > 0 {
        let run = left.min(SPARSE_XZERO_MAX_LEN);
        s.extend_from_slice(&xzero(run));
        left -= run;
    }
    s
}

/// The cached cardinality, if it is valid.
pub fn cached_count(s: &[u8]) -> Option<u64> {
    let card: [u8; 8] = s.get(8..HEADER_LEN)?.try_into().ok()?;
    (card[7] & 0x80 == 0).then(|| u64::from_le_bytes(card))
}

/// Stores the cardinality in the header as valid.
pub fn set_cached_count(s: &mut [u8], count: u64) {
    if let Some(card) = s.get_mut(8..HEADER_LEN) {
        card.copy_from_slice(&count.to_le_bytes());
    }
}

/// Marks the cached cardinality stale.
pub fn invalidate_cache(s: &mut [u8]) {
    if let Some(b) = s.get_mut(HEADER_LEN - 1) {
        *b |= 0x80;
    }
}

/// Dense register `i` of `regs` (the bytes after the header); bytes past the end read
/// as zero, as the string's terminator does in Redis.
fn dense_get(regs: &[u8], i: usize) -> u8 {
    let byte = i * 6 / 8;
    let fb = (i * 6) & 7;
    let b0 = u16::from(regs.get(byte).copied().unwrap_or(0));
    let b1 = u16::from(regs.get(byte + 1).copied().unwrap_or(0));
    (((b0 >> fb) | (b1 << (8 - fb))) & u16::from(REGISTER_MAX)) as u8
}

/// Sets dense register `i` of `regs` to `v`.
fn dense_put(regs: &mut [u8], i: usize, v: u8) {
    let byte = i * 6 / 8;
    let fb = (i * 6) & 7;
    let v = u16::from(v);
    let max = u16::from(REGISTER_MAX);
    if let Some(b) = regs.get_mut(byte) {
        *b = ((u16::from(*b) & !(max << fb)) | (v << fb)) as u8;
    }
    if let Some(b) = regs.get_mut(byte + 1) {
        *b = ((u16::from(*b) & !(max >> (8 - fb))) | (v >> (8 - fb))) as u8;
    }
}

/// The four dense registers packed in three bytes.
fn decode4(b: &[u8]) -> [u8; 4] {
    let (b0, b1, b2) = (
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0),
        b.get(2).copied().unwrap_or(0),
    );
    [
        b0 & REGISTER_MAX,
        (b0 >> 6) | ((b1 & 0x0f) << 2),
        (b1 >> 4) | ((b2 & 0x03) << 4),
        b2 >> 2,
    ]
}

/// Every dense register of `regs`, four from each three bytes.
fn dense_all(regs: &[u8]) -> impl Iterator<Item = u8> + '_ {
    regs.chunks_exact(3).take(REGISTERS / 4).flat_map(decode4)
}

/// Raises dense register `i` to `count`; returns whether it changed.
fn dense_raise(regs: &mut [u8], i: usize, count: u8) -> bool {
    if count > dense_get(regs, i) {
        dense_put(regs, i, count);
        true
    } else {
        false
    }
}

/// One sparse opcode.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    /// A run of zero registers (ZERO or XZERO).
    Zero { run: usize, long: bool },
    /// A run of registers holding `value`.
    Val { value: u8, run: usize },
}

impl Op {
    fn run(self) -> usize {
        match self {
            Op::Zero { run, .. } | Op::Val { run, .. } => run,
        }
    }

    fn len(self) -> usize {
        match self {
            Op::Zero { long: true, .. } => 2,
            _ => 1,
        }
    }
}

/// The opcode at `p` of a sparse sketch (an XZERO cut by the end reads a zero byte).
fn op_at(s: &[u8], p: usize) -> Op {
    let b = s.get(p).copied().unwrap_or(0);
    match b >> 6 {
        0 => Op::Zero {
            run: usize::from(b & 0x3f) + 1,
            long: false,
        },
        1 => Op::Zero {
            run: ((usize::from(b & 0x3f) << 8) | usize::from(s.get(p + 1).copied().unwrap_or(0)))
                + 1,
            long: true,
        },
        _ => Op::Val {
            value: ((b >> 2) & 0x1f) + 1,
            run: usize::from(b & 3) + 1,
        },
    }
}

/// The sparse opcodes of a sketch, with their positions.
fn ops(s: &[u8]) -> impl Iterator<Item = (usize, Op)> + '_ {
    let mut p = HEADER_LEN;
    std::iter::from_fn(move || {
        (p < s.len()).then(|| {
            let op = op_at(s, p);
            let at = p;
            p += op.len();
            (at, op)
        })
    })
}

fn xzero(run: usize) -> [u8; 2] {
    let r = run - 1;
    [0x40 | ((r >> 8) & 0x3f) as u8, (r & 0xff) as u8]
}

fn zero(run: usize) -> u8 {
    (run - 1) as u8 & 0x3f
}

fn val(value: u8, run: usize) -> u8 {
    0x80 | (((value - 1) & 0x1f) << 2) | ((run - 1) as u8 & 3)
}

/// The bytes of a run of zeros: ZERO when it fits, else XZERO.
fn zeros(run: usize, out: &mut Vec<u8>) {
    if run > SPARSE_ZERO_MAX_LEN {
        out.extend_from_slice(&xzero(run));
    } else {
        out.push(zero(run));
    }
}

/// Converts a sparse sketch to dense, keeping the header; a dense one is left alone.
pub fn to_dense(s: &mut Vec<u8>) -> Result<(), Corrupted> {
    if !is_sparse(s) {
        return Ok(());
    }
    let header = s.get(..HEADER_LEN).ok_or(Corrupted)?;
    let mut dense = vec![0u8; DENSE_LEN];
    dense[..HEADER_LEN].copy_from_slice(header);
    dense[4] = DENSE;
    let mut idx = 0;
    for (_, op) in ops(s) {
        match op {
            Op::Zero { run, .. } => idx += run,
            Op::Val { value, run } => {
                // A run past the last register is corrupted even if the runs before
                // it add up.
                if idx + run > REGISTERS {
                    return Err(Corrupted);
                }
                for i in idx..idx + run {
                    dense_put(&mut dense[HEADER_LEN..], i, value);
                }
                idx += run;
            }
        }
    }
    if idx != REGISTERS {
        return Err(Corrupted);
    }
    *s = dense;
    Ok(())
}

/// Raises register `index` of a valid sketch to `count`; returns whether it changed.
/// A sparse sketch is edited in place as Redis's hllSparseSet does (so the bytes match),
/// and promoted to dense when needed.
pub fn raise(
    s: &mut Vec<u8>,
    index: usize,
    count: u8,
    sparse_max_bytes: usize,
) -> Result<bool, Corrupted> {
    if !is_sparse(s) {
        let regs = s.get_mut(HEADER_LEN..).ok_or(Corrupted)?;
        return Ok(dense_raise(regs, index, count));
    }
    if count > SPARSE_VAL_MAX_VALUE {
        return promote(s, index, count);
    }
    // Step 1: the opcode covering `index`, the one before it, and its first register.
    let end = s.len();
    let mut p = HEADER_LEN;
    let mut first = 0;
    let mut prev = None;
    let mut current = None;
    while p < end {
        let op = op_at(s, p);
        if index < first + op.run() {
            current = Some(op);
            break;
        }
        prev = Some(p);
        p += op.len();
        first += op.run();
    }
    let Some(op) = current else {
        return Err(Corrupted);
    };
    // Step 2: the trivial cases, else the replacement sequence.
    match op {
        Op::Val { value, .. } if value >= count => return Ok(false),
        Op::Val { run: 1, .. }
        | Op::Zero {
            run: 1,
            long: false,
        } => s[p] = val(count, 1),
        _ => {
            let last = first + op.run() - 1;
            let mut seq = Vec::with_capacity(5);
            match op {
                Op::Zero { .. } => {
                    if index != first {
                        zeros(index - first, &mut seq);
                    }
                    seq.push(val(count, 1));
                    if index != last {
                        zeros(last - index, &mut seq);
                    }
                }
                Op::Val { value, .. } => {
                    if index != first {
                        seq.push(val(value, index - first));
                    }
                    seq.push(val(count, 1));
                    if index != last {
                        seq.push(val(value, last - index));
                    }
                }
            }
            // Step 3: put the sequence in place of the opcode.
            let old_len = op.len();
            let new_len = end + seq.len() - old_len;
            if seq.len() > old_len && new_len > sparse_max_bytes {
                return promote(s, index, count);
            }
            s.splice(p..(p + old_len).min(end), seq);
            // An XZERO cut by the end of the string was one byte short.
            s.truncate(new_len);
        }
    }
    // Step 4: merge adjacent VALs of the same value, scanning up to 5 opcodes from the
    // one before the change.
    let mut p = prev.unwrap_or(HEADER_LEN);
    let mut scan = 5;
    while p < s.len() && scan > 0 {
        scan -= 1;
        let op = op_at(s, p);
        let Op::Val { value, run } = op else {
            p += op.len();
            continue;
        };
        if p + 1 < s.len() {
            if let Op::Val {
                value: next_value,
                run: next_run,
            } = op_at(s, p + 1)
            {
                if next_value == value && run + next_run <= SPARSE_VAL_MAX_LEN {
                    s[p + 1] = val(value, run + next_run);
                    s.remove(p);
                    continue;
                }
            }
        }
        p += 1;
    }
    invalidate_cache(s);
    Ok(true)
}

/// Makes a sparse sketch dense, then raises register `index` to `count`.
fn promote(s: &mut Vec<u8>, index: usize, count: u8) -> Result<bool, Corrupted> {
    to_dense(s)?;
    let regs = s.get_mut(HEADER_LEN..).ok_or(Corrupted)?;
    Ok(dense_raise(regs, index, count))
}

/// Adds an element to a valid sketch; returns whether a register changed.
pub fn add(s: &mut Vec<u8>, element: &[u8], sparse_max_bytes: usize) -> Result<bool, Corrupted> {
    let (index, count) = register_of(element);
    raise(s, index, count, sparse_max_bytes)
}

/// Raises each of `max` to the matching register of a valid sketch.
pub fn merge_into(max: &mut [u8; REGISTERS], s: &[u8]) -> Result<(), Corrupted> {
    if !is_sparse(s) {
        let regs = s.get(HEADER_LEN..).unwrap_or(&[]);
        for (m, b) in max.chunks_exact_mut(4).zip(regs.chunks_exact(3)) {
            for (m, r) in m.iter_mut().zip(decode4(b)) {
                *m = (*m).max(r);
            }
        }
        return Ok(());
    }
    let mut idx = 0;
    for (_, op) in ops(s) {
        match op {
            Op::Zero { run, .. } => idx += run,
            Op::Val { value, run } => {
                let Some(regs) = max.get_mut(idx..idx + run) else {
                    return Err(Corrupted);
                };
                for m in regs {
                    *m = (*m).max(value);
                }
                idx += run;
            }
        }
    }
    if idx == REGISTERS {
        Ok(())
    } else {
        Err(Corrupted)
    }
}

/// The cardinality estimate of a valid sketch (Redis's hllCount); a sparse sketch whose
/// runs do not cover exactly every register is corrupted.
pub fn count(s: &[u8]) -> Result<u64, Corrupted> {
    let mut histogram = [0u64; 64];
    if is_sparse(s) {
        let mut idx = 0;
        for (_, op) in ops(s) {
            let (value, run) = match op {
                Op::Zero { run, .. } => (0, run),
                Op::Val { value, run } => (value, run),
            };
            idx += run;
            histogram[usize::from(value)] += run as u64;
        }
        if idx != REGISTERS {
            return Err(Corrupted);
        }
    } else {
        for b in s.get(HEADER_LEN..).unwrap_or(&[]).chunks_exact(3) {
            for r in decode4(b) {
                histogram[usize::from(r)] += 1;
            }
        }
    }
    Ok(estimate(&histogram))
}

/// The cardinality estimate of plain registers (one byte each).
pub fn count_registers(regs: &[u8; REGISTERS]) -> u64 {
    let mut histogram = [0u64; 64];
    for &r in regs {
        histogram[usize::from(r & REGISTER_MAX)] += 1;
    }
    estimate(&histogram)
}

/// Ertl's improved estimator over the register histogram, as Redis 7.0 computes it.
fn estimate(histogram: &[u64; 64]) -> u64 {
    let m = REGISTERS as f64;
    let mut z = m * tau((m - histogram[Q + 1] as f64) / m);
    for j in (1..=Q).rev() {
        z += histogram[j] as f64;
        z *= 0.5;
    }
    z += m * sigma(histogram[0] as f64 / m);
    llround(ALPHA_INF * m * m / z)
}

/// C's `llround` as Redis uses it: out of range (registers past Q + 1 make `z` zero and
/// the quotient infinite) gives `LLONG_MIN`, which Redis then stores as unsigned.
fn llround(x: f64) -> u64 {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    let r = x.round();
    if (-LIMIT..LIMIT).contains(&r) {
        r as i64 as u64
    } else {
        i64::MIN as u64
    }
}

fn sigma(mut x: f64) -> f64 {
    if x == 1.0 {
        return f64::INFINITY;
    }
    let mut y = 1.0;
    let mut z = x;
    loop {
        x *= x;
        let previous = z;
        z += x * y;
        y += y;
        if previous == z {
            return z;
        }
    }
}

fn tau(mut x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        return 0.0;
    }
    let mut y = 1.0;
    let mut z = 1.0 - x;
    loop {
        x = x.sqrt();
        let previous = z;
        y *= 0.5;
        z -= (1.0 - x) * (1.0 - x) * y;
        if previous == z {
            return z / 3.0;
        }
    }
}

/// Every register of a dense sketch.
pub fn dense_registers(s: &[u8]) -> Vec<u8> {
    dense_all(s.get(HEADER_LEN..).unwrap_or(&[])).collect()
}

/// PFDEBUG DECODE's text for a sparse sketch: `z:N`, `Z:N` and `v:VALUE,N` opcodes.
pub fn decode_sparse(s: &[u8]) -> String {
    let words: Vec<String> = ops(s)
        .map(|(_, op)| match op {
            Op::Zero { run, long: false } => format!("z:{run}"),
            Op::Zero { run, long: true } => format!("Z:{run}"),
            Op::Val { value, run } => format!("v:{value},{run}"),
        })
        .collect();
    words.join(" ")
}

/// PFSELFTEST: register access on random values, then a dense and a sparse sketch fed
/// the same elements must agree and stay within six standard errors of the truth.
/// `random` supplies the random values; the error is Redis's TESTFAILED message.
pub fn self_test(mut random: impl FnMut() -> u64, sparse_max_bytes: usize) -> Result<(), String> {
    const CYCLES: usize = 100;
    const ELEMENTS: u64 = 100_000;
    let mut regs = vec![0u8; DENSE_LEN - HEADER_LEN];
    let mut expected = vec![0u8; REGISTERS];
    for _ in 0..CYCLES {
        for (i, e) in expected.iter_mut().enumerate() {
            *e = (random() & u64::from(REGISTER_MAX)) as u8;
            dense_put(&mut regs, i, *e);
        }
        for (i, &e) in expected.iter().enumerate() {
            let got = dense_get(&regs, i);
            if got != e {
                return Err(format!(
                    "TESTFAILED Register {i} should be {e} but is {got}"
                ));
            }
        }
    }
    let mut dense = new_sketch();
    to_dense(&mut dense).map_err(|_| "TESTFAILED dense/sparse disagree".to_string())?;
    let mut sparse = new_sketch();
    let relative_error = 1.04 / (REGISTERS as f64).sqrt();
    let seed = random();
    let mut checkpoint = 1;
    let disagree = || "TESTFAILED dense/sparse disagree".to_string();
    for j in 1..=ELEMENTS {
        let element = (j ^ seed).to_le_bytes();
        add(&mut dense, &element, sparse_max_bytes).map_err(|_| disagree())?;
        add(&mut sparse, &element, sparse_max_bytes).map_err(|_| disagree())?;
        if j != checkpoint {
            continue;
        }
        if (j as usize) < sparse_max_bytes / 2 && !is_sparse(&sparse) {
            return Err("TESTFAILED sparse encoding not used".to_string());
        }
        let estimate = count(&dense).map_err(|_| disagree())?;
        if count(&sparse).map_err(|_| disagree())? != estimate {
            return Err(disagree());
        }
        let abs_error = checkpoint.abs_diff(estimate);
        // Collisions make a large error at 10 likely enough to allow for it.
        let max_error = if j == 10 {
            1
        } else {
            (relative_error * 6.0 * checkpoint as f64).ceil() as u64
        };
        if abs_error > max_error {
            return Err(format!(
                "TESTFAILED Too big error. card:{checkpoint} abserr:{abs_error}"
            ));
        }
        checkpoint *= 10;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sketch of `elements` built as PFADD builds it (one element at a time).
    fn sketch_of<'a>(elements: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
        let mut s = new_sketch();
        for e in elements {
            add(&mut s, e, 3000).expect("valid sketch");
        }
        s
    }

    #[test]
    fn empty_sketch_is_redis_bytes() {
        let s = new_sketch();
        assert_eq!(&s[..], b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\0\x7f\xff");
        assert!(is_valid(&s));
        assert_eq!(count(&s), Ok(0));
    }

    // Expected bytes and counts below were observed on redis-server 7.0.15.
    #[test]
    fn one_element_matches_redis() {
        let mut s = sketch_of([&b"hello"[..]]);
        assert_eq!(cached_count(&s), None);
        let n = count(&s).expect("valid");
        set_cached_count(&mut s, n);
        assert_eq!(n, 1);
        assert_eq!(
            &s[..],
            b"HYLL\x01\0\0\0\x01\0\0\0\0\0\0\0\x63\xff\x80\x5b\xfe"
        );
        assert_eq!(cached_count(&s), Some(1));
    }

    #[test]
    fn sparse_opcodes_match_redis() {
        let names: Vec<String> = (1..=10).map(|i| i.to_string()).collect();
        let s = sketch_of(names.iter().map(|n| n.as_bytes()));
        assert_eq!(count(&s), Ok(10));
        assert_eq!(
            decode_sparse(&s),
            "Z:495 v:2,1 Z:2084 v:1,1 Z:4946 v:1,1 Z:3297 v:1,1 Z:147 v:1,1 Z:3136 v:1,1 \
             Z:728 v:1,1 Z:531 v:4,1 Z:185 v:1,1 z:22 v:2,1 Z:803"
        );
    }

    #[test]
    fn large_sketch_turns_dense_and_counts_as_redis() {
        let names: Vec<String> = (1..=20000).map(|i| i.to_string()).collect();
        let s = sketch_of(names.iter().map(|n| n.as_bytes()));
        assert!(!is_sparse(&s));
        assert_eq!(s.len(), DENSE_LEN);
        assert_eq!(count(&s), Ok(19891));
        let mut max = [0u8; REGISTERS];
        merge_into(&mut max, &s).expect("valid");
        assert_eq!(count_registers(&max), 19891);
    }

    #[test]
    fn dense_registers_keep_their_neighbours() {
        let mut regs = vec![0u8; DENSE_LEN - HEADER_LEN];
        for i in 0..REGISTERS {
            dense_put(&mut regs, i, (i % 64) as u8);
        }
        for i in 0..REGISTERS {
            assert_eq!(dense_get(&regs, i), (i % 64) as u8, "register {i}");
        }
        let all: Vec<u8> = dense_all(&regs).collect();
        assert_eq!(all.len(), REGISTERS);
        assert!(all.iter().enumerate().all(|(i, &r)| r == (i % 64) as u8));
    }

    #[test]
    fn corrupted_sparse_sketches_are_refused() {
        // Runs covering 16383 registers instead of 16384.
        let mut short = b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\x80\x7f\xfe".to_vec();
        assert_eq!(count(&short), Err(Corrupted));
        assert_eq!(merge_into(&mut [0; REGISTERS], &short), Err(Corrupted));
        assert_eq!(to_dense(&mut short.clone()), Err(Corrupted));
        assert_eq!(raise(&mut short, 16383, 1, 3000), Err(Corrupted));
        // An XZERO cut by the end of the string, then a register raised inside it: the
        // string grows by the new opcodes' length less two, as in Redis.
        let mut cut = b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\x80\x7f".to_vec();
        assert_eq!(raise(&mut cut, 9216, 1, 3000), Ok(true));
        assert_eq!(&cut[HEADER_LEN..], b"\x63\xff\x80\x5a");
        assert_eq!(count(&cut), Err(Corrupted));
        // A VAL run past the last register, even after runs that add up.
        let over = b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\x80\x7f\xfe\x80\x80".to_vec();
        assert_eq!(merge_into(&mut [0; REGISTERS], &over), Err(Corrupted));
        assert_eq!(to_dense(&mut over.clone()), Err(Corrupted));
    }

    #[test]
    fn registers_past_the_estimator_give_llround_overflow() {
        let mut s = new_sketch();
        to_dense(&mut s).expect("valid");
        s[HEADER_LEN..].fill(0xff);
        let n = count(&s).expect("dense");
        assert_eq!(n as i64, i64::MIN);
        // The top bit of the stored count reads as a stale cache.
        set_cached_count(&mut s, n);
        assert_eq!(cached_count(&s), None);
    }

    #[test]
    fn validity_follows_redis_checks() {
        assert!(!is_valid(b"HYLL"));
        assert!(!is_valid(b"HYLX\x01\0\0\0\0\0\0\0\0\0\0\0"));
        assert!(!is_valid(b"HYLL\x02\0\0\0\0\0\0\0\0\0\0\0"));
        assert!(!is_valid(b"HYLL\x00\0\0\0\0\0\0\0\0\0\0\0"));
        assert!(is_valid(b"HYLL\x01\0\0\0\0\0\0\0\0\0\0\0"));
    }

    #[test]
    fn self_test_passes() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let random = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        assert_eq!(self_test(random, 3000), Ok(()));
    }
}
