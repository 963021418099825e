//! Byte strings that keep short contents inline.
//!
//! Most keys and string values are short (`user:1000`, `42`, a session token): storing
//! them in a heap allocation costs a pointer, a length, a capacity and the allocator's
//! minimum chunk on top of the bytes. [`CompactBytes`] keeps up to [`INLINE`] bytes in
//! its own 24 bytes, and only longer contents on the heap; values that commands grow in
//! place (APPEND, SETRANGE, SETBIT) move to a growable vector on first mutation.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// The longest contents stored inline.
pub const INLINE: usize = 22;

/// A byte string, inline when short.
#[derive(Clone)]
pub enum CompactBytes {
    /// Up to [`INLINE`] bytes, in place.
    Inline {
        /// Number of bytes used in `buf`.
        len: u8,
        /// The bytes, then unused space.
        buf: [u8; INLINE],
    },
    /// Longer contents, exactly sized.
    Heap(Box<[u8]>),
    /// Contents a command grows in place, with spare capacity (boxed to keep this type
    /// at 24 bytes).
    Growable(Box<Vec<u8>>),
}

impl CompactBytes {
    /// The contents.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            CompactBytes::Inline { len, buf } => &buf[..usize::from(*len)],
            CompactBytes::Heap(b) => b,
            CompactBytes::Growable(v) => v,
        }
    }

    /// The contents as a vector that can grow, moving them there first if needed.
    pub fn as_vec_mut(&mut self) -> &mut Vec<u8> {
        if !matches!(self, CompactBytes::Growable(_)) {
            *self = CompactBytes::Growable(Box::new(self.as_slice().to_vec()));
        }
        match self {
            CompactBytes::Growable(v) => v,
            CompactBytes::Inline { .. } | CompactBytes::Heap(_) => {
                unreachable!("converted to Growable above")
            }
        }
    }
}

impl CompactBytes {
    /// The decimal digits of `n` (INCR's counters stay inline, with no allocation).
    pub fn from_i64(n: i64) -> CompactBytes {
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            buf[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            at -= 1;
            buf[at] = b'-';
        }
        CompactBytes::from(&buf[at..])
    }
}

impl From<&[u8]> for CompactBytes {
    fn from(bytes: &[u8]) -> CompactBytes {
        if bytes.len() <= INLINE {
            let mut buf = [0; INLINE];
            buf[..bytes.len()].copy_from_slice(bytes);
            CompactBytes::Inline {
                len: bytes.len() as u8,
                buf,
            }
        } else {
            CompactBytes::Heap(bytes.into())
        }
    }
}

impl From<Vec<u8>> for CompactBytes {
    fn from(bytes: Vec<u8>) -> CompactBytes {
        if bytes.len() <= INLINE {
            CompactBytes::from(bytes.as_slice())
        } else {
            CompactBytes::Heap(bytes.into_boxed_slice())
        }
    }
}

impl From<&Vec<u8>> for CompactBytes {
    fn from(bytes: &Vec<u8>) -> CompactBytes {
        CompactBytes::from(bytes.as_slice())
    }
}

impl Deref for CompactBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl Borrow<[u8]> for CompactBytes {
    fn borrow(&self) -> &[u8] {
        self.as_slice()
    }
}

impl AsRef<[u8]> for CompactBytes {
    fn as_ref(&self) -> &[u8] {
        self.as_slice()
    }
}

// Equality and hashing follow the contents only (never the representation), as
// `Borrow<[u8]>` requires for lookups by slice.
impl PartialEq for CompactBytes {
    fn eq(&self, other: &CompactBytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for CompactBytes {}

impl Hash for CompactBytes {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl fmt::Debug for CompactBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn is_the_size_of_a_vec() {
        assert_eq!(std::mem::size_of::<CompactBytes>(), 24);
    }

    #[test]
    fn short_contents_stay_inline_and_long_ones_go_to_the_heap() {
        let short = CompactBytes::from(&b"user:1000"[..]);
        assert!(matches!(short, CompactBytes::Inline { .. }));
        assert_eq!(&*short, b"user:1000");
        let edge = CompactBytes::from(vec![7u8; INLINE]);
        assert!(matches!(edge, CompactBytes::Inline { .. }));
        let long = CompactBytes::from(vec![7u8; INLINE + 1]);
        assert!(matches!(long, CompactBytes::Heap(_)));
        assert_eq!(long.len(), INLINE + 1);
        assert_eq!(&*CompactBytes::from(&b""[..]), b"");
    }

    #[test]
    fn integers_print_as_redis_prints_them() {
        for n in [0, 7, -1, 10, 1234567890, i64::MAX, i64::MIN] {
            assert_eq!(&*CompactBytes::from_i64(n), n.to_string().as_bytes());
        }
    }

    #[test]
    fn growing_keeps_the_contents_and_equality_ignores_the_representation() {
        let mut s = CompactBytes::from(&b"abc"[..]);
        s.as_vec_mut().extend_from_slice(b"def");
        assert_eq!(&*s, b"abcdef");
        assert_eq!(s, CompactBytes::from(&b"abcdef"[..]));
        let mut map = HashMap::new();
        map.insert(s, 1);
        assert_eq!(map.get(&b"abcdef"[..]), Some(&1));
    }
}
