//! The hash of the keyspace's tables: SipHash-1-2 with a random key per table, as
//! Redis hashes its dictionaries (siphash.c).
//!
//! Keys come from clients, so the hash must be keyed against collision flooding;
//! std's `DefaultHasher` is SipHash-1-3 and buffers partial words across `write`
//! calls, about 160 instructions for a short key, hashed several times a command.
//! Here each `write` is one message block sequence of its own (its 8-byte words,
//! then a last word holding the remaining bytes and their count, as SipHash pads),
//! and `Hash` for byte strings writes the length first, so different keys never
//! produce the same sequence of words: about half the cost.

use std::hash::{BuildHasher, Hasher};

/// Makes [`KeyHasher`]s with the table's random key.
#[derive(Clone, Copy, Debug)]
pub struct KeyHashBuilder {
    k0: u64,
    k1: u64,
}

impl Default for KeyHashBuilder {
    /// A builder with a key drawn from the process's random source.
    fn default() -> Self {
        let random = std::collections::hash_map::RandomState::new();
        KeyHashBuilder {
            k0: random.hash_one(0u64),
            k1: random.hash_one(1u64),
        }
    }
}

impl BuildHasher for KeyHashBuilder {
    type Hasher = KeyHasher;

    fn build_hasher(&self) -> KeyHasher {
        KeyHasher {
            v0: self.k0 ^ 0x736f_6d65_7073_6575,
            v1: self.k1 ^ 0x646f_7261_6e64_6f6d,
            v2: self.k0 ^ 0x6c79_6765_6e65_7261,
            v3: self.k1 ^ 0x7465_6462_7974_6573,
        }
    }
}

/// SipHash-1-2 state.
pub struct KeyHasher {
    v0: u64,
    v1: u64,
    v2: u64,
    v3: u64,
}

impl KeyHasher {
    #[inline]
    fn round(&mut self) {
        self.v0 = self.v0.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(13) ^ self.v0;
        self.v0 = self.v0.rotate_left(32);
        self.v2 = self.v2.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(16) ^ self.v2;
        self.v0 = self.v0.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(21) ^ self.v0;
        self.v2 = self.v2.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(17) ^ self.v2;
        self.v2 = self.v2.rotate_left(32);
    }

    /// One compression round over the word `m`.
    #[inline]
    fn word(&mut self, m: u64) {
        self.v3 ^= m;
        self.round();
        self.v0 ^= m;
    }
}

impl Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.word(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        }
        let rest = words.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        last[7] = bytes.len() as u8;
        self.word(u64::from_le_bytes(last));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.word(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.word(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut s = KeyHasher { ..*self };
        s.v2 ^= 0xff;
        s.round();
        s.round();
        s.v0 ^ s.v1 ^ s.v2 ^ s.v3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(builder: &KeyHashBuilder, key: &[u8]) -> u64 {
        builder.hash_one(key)
    }

    #[test]
    fn equal_keys_hash_alike_and_tables_differ() {
        let (a, b) = (KeyHashBuilder::default(), KeyHashBuilder::default());
        assert_eq!(hash(&a, b"user:1"), hash(&a, b"user:1"));
        assert_ne!(hash(&a, b"user:1"), hash(&b, b"user:1"));
        let compact = crate::compact::CompactBytes::from(&b"user:1"[..]);
        assert_eq!(a.hash_one(&compact), hash(&a, b"user:1"));
    }

    #[test]
    fn keys_that_differ_in_length_or_padding_hash_apart() {
        let a = KeyHashBuilder::default();
        let keys: [&[u8]; 6] = [b"", b"\0", b"\0\0", b"abcdefgh", b"abcdefgh\0", b"abcdefg"];
        for (i, x) in keys.iter().enumerate() {
            for y in &keys[i + 1..] {
                assert_ne!(hash(&a, x), hash(&a, y), "{x:?} {y:?}");
            }
        }
    }
}
