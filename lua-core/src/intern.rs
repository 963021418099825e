//! The string table: where interning finds the one copy of a byte string.
//!
//! Open addressing with linear probing over 12-byte entries (a seeded hash of
//! the bytes, the string's slot, its Lua hash), at most half full, so a lookup
//! is usually one probe and touches the string's bytes only when the hashes
//! agree. Removal shifts the following entries back instead of leaving
//! tombstones, so the table never needs cleaning.

use crate::heap::Arena;

/// One occupied or empty place of the table.
#[derive(Clone, Copy, Default)]
struct Entry {
    /// The low 32 bits of the seeded hash: the entry's home is `hash & mask`.
    hash: u32,
    /// The string's arena slot plus one; 0 marks an empty place.
    slot: u32,
    /// The string's Lua hash, computed once when it was interned.
    lua_hash: u32,
}

/// The index from bytes to interned string slots.
pub(crate) struct StringIndex {
    entries: Vec<Entry>,
    len: usize,
    /// Drawn per heap from the process's random source, so that strings
    /// crafted to collide cannot be prepared in advance (Lua's own string hash
    /// is easy to collide on purpose).
    seed: u64,
}

/// Where a string not in the table goes, from [`StringIndex::find`].
pub(crate) struct Vacant {
    hash: u32,
}

impl Default for StringIndex {
    fn default() -> Self {
        use std::hash::BuildHasher;
        StringIndex {
            entries: Vec::new(),
            len: 0,
            seed: std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64),
        }
    }
}

impl StringIndex {
    /// The seeded hash of every byte, eight at a time.
    fn hash(&self, s: &[u8]) -> u32 {
        let mut h = self.seed ^ s.len() as u64;
        let mut chunks = s.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            h = (h ^ word)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(29);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            h = (h ^ u64::from_le_bytes(word))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .rotate_left(29);
        }
        (h ^ (h >> 32)) as u32
    }

    fn mask(&self) -> usize {
        self.entries.len().wrapping_sub(1)
    }

    /// The slot and Lua hash of `s` if interned, else where it would go.
    #[inline]
    pub(crate) fn find(&self, s: &[u8], strings: &Arena<Box<[u8]>>) -> Result<(u32, u32), Vacant> {
        let hash = self.hash(s);
        if self.entries.is_empty() {
            return Err(Vacant { hash });
        }
        let mask = self.mask();
        let mut pos = hash as usize & mask;
        loop {
            let e = self.entries[pos];
            if e.slot == 0 {
                return Err(Vacant { hash });
            }
            if e.hash == hash && *strings[(e.slot - 1) as usize] == *s {
                return Ok((e.slot - 1, e.lua_hash));
            }
            pos = (pos + 1) & mask;
        }
    }

    /// Records string slot `slot` (with Lua hash `lua_hash`) where
    /// [`find`](Self::find) left it, growing the table when half full.
    pub(crate) fn insert(&mut self, vacant: Vacant, slot: u32, lua_hash: u32) {
        if (self.len + 1) * 2 > self.entries.len() {
            self.grow();
        }
        self.place(Entry {
            hash: vacant.hash,
            slot: slot + 1,
            lua_hash,
        });
        self.len += 1;
    }

    fn place(&mut self, e: Entry) {
        let mask = self.mask();
        let mut pos = e.hash as usize & mask;
        while self.entries[pos].slot != 0 {
            pos = (pos + 1) & mask;
        }
        self.entries[pos] = e;
    }

    fn grow(&mut self) {
        let size = (self.entries.len() * 2).max(64);
        let old = std::mem::replace(&mut self.entries, vec![Entry::default(); size]);
        for e in old.into_iter().filter(|e| e.slot != 0) {
            self.place(e);
        }
    }

    /// Forgets string slot `slot`, whose bytes are `s`.
    pub(crate) fn remove(&mut self, s: &[u8], slot: u32) {
        if self.entries.is_empty() {
            return;
        }
        let mask = self.mask();
        let mut hole = self.hash(s) as usize & mask;
        loop {
            match self.entries[hole].slot {
                0 => return,
                found if found == slot + 1 => break,
                _ => hole = (hole + 1) & mask,
            }
        }
        // Pull back each following entry whose home is not between the hole and
        // it, so that every entry stays reachable from its home.
        let mut pos = hole;
        loop {
            pos = (pos + 1) & mask;
            let e = self.entries[pos];
            if e.slot == 0 {
                break;
            }
            let home = e.hash as usize & mask;
            if pos.wrapping_sub(home) & mask >= pos.wrapping_sub(hole) & mask {
                self.entries[hole] = e;
                hole = pos;
            }
        }
        self.entries[hole] = Entry::default();
        self.len -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Interns `words` into a fresh arena and index.
    fn interned(words: &[Vec<u8>]) -> (Arena<Box<[u8]>>, StringIndex) {
        let mut strings = Arena::default();
        let mut index = StringIndex::default();
        for w in words {
            if let Err(vacant) = index.find(w, &strings) {
                let slot = strings.alloc(w.clone().into_boxed_slice());
                index.insert(vacant, slot, w.len() as u32);
            }
        }
        (strings, index)
    }

    #[test]
    fn finds_every_string_after_growth_and_removals() {
        let words: Vec<Vec<u8>> = (0..5000).map(|i| format!("w{i}").into_bytes()).collect();
        let (mut strings, mut index) = interned(&words);
        for (i, w) in words.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
            index.remove(w, i as u32);
            strings.release(i, Box::default());
        }
        for (i, w) in words.iter().enumerate() {
            match index.find(w, &strings) {
                Ok((slot, lua_hash)) => {
                    assert!(i % 3 != 0, "{} found after removal", i);
                    assert_eq!((slot, lua_hash), (i as u32, w.len() as u32));
                }
                Err(_) => assert!(i % 3 == 0, "{} lost", i),
            }
        }
        assert_eq!(index.len, words.len() - words.len().div_ceil(3));
    }

    #[test]
    fn the_same_bytes_are_found_not_added() {
        let words = vec![b"ok".to_vec(), Vec::new(), b"ok".to_vec(), b"".to_vec()];
        let (strings, index) = interned(&words);
        assert_eq!(strings.capacity(), 2);
        assert_eq!(index.find(b"", &strings).ok().map(|f| f.0), Some(1));
        assert!(index.find(b"OK", &strings).is_err());
    }
}
