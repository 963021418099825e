//! One logical database: keys, their typed values, and their expiry times.
//!
//! Keys live in an insertion-ordered map so that a random key, a SCAN cursor and a random
//! sample of keys with a TTL are O(1). Expiry is lazy (a key past its time is deleted
//! when it is looked up) and active (the executor samples keys with a TTL, as Redis does).

use std::cell::Cell;
use std::collections::VecDeque;

use indexmap::{IndexMap, IndexSet};

use crate::compact::CompactBytes;
use crate::frame::parse_i64;
use crate::keyhash::KeyHashBuilder;
use crate::stream::Stream;
use crate::zset::ZSet;

/// A list's elements.
pub type List = VecDeque<Vec<u8>>;
/// A hash's fields and values, in insertion order.
pub type Hash = IndexMap<Vec<u8>, Vec<u8>>;
/// A set's members, in insertion order.
pub type Set = IndexSet<Vec<u8>>;

/// A typed value. Collections are boxed so that a value, and with it every key's entry,
/// stays as small as a string: most keys hold short strings.
#[derive(Debug, Clone)]
pub enum Value {
    /// A string.
    Str(CompactBytes),
    /// A list.
    List(Box<List>),
    /// A hash, in insertion order (as Redis's listpack encoding shows it).
    Hash(Box<Hash>),
    /// A set.
    Set(Box<Set>),
    /// A sorted set.
    ZSet(Box<ZSet>),
    /// A stream.
    Stream(Box<Stream>),
}

impl Value {
    /// The name TYPE answers.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Hash(_) => "hash",
            Value::Set(_) => "set",
            Value::ZSet(_) => "zset",
            Value::Stream(_) => "stream",
        }
    }

    /// Number of elements (1 for a string).
    pub fn len(&self) -> usize {
        match self {
            Value::Str(_) => 1,
            Value::List(l) => l.len(),
            Value::Hash(h) => h.len(),
            Value::Set(s) => s.len(),
            Value::ZSet(z) => z.len(),
            Value::Stream(s) => s.len(),
        }
    }

    /// Whether a collection fits Redis's compact encoding (listpack, intset).
    pub fn is_compact(&self) -> bool {
        match self {
            Value::Hash(h) => {
                h.len() <= 128 && h.iter().all(|(k, v)| k.len() <= 64 && v.len() <= 64)
            }
            Value::Set(s) => s.len() <= 512 && s.iter().all(|m| parse_i64(m).is_some()),
            Value::ZSet(z) => z.len() <= 128 && z.iter().all(|(m, _)| m.len() <= 64),
            Value::Str(_) | Value::List(_) | Value::Stream(_) => true,
        }
    }

    /// Whether a collection holds no element, and so must be deleted (a string or a
    /// stream never counts as empty).
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Str(_) | Value::Stream(_) => false,
            Value::List(l) => l.is_empty(),
            Value::Hash(h) => h.is_empty(),
            Value::Set(s) => s.is_empty(),
            Value::ZSet(z) => z.is_empty(),
        }
    }

    /// An estimate of the bytes this value occupies, for `used_memory` and eviction.
    /// Collections are measured on their first elements and scaled by their length, so
    /// that measuring after a write stays O(1).
    pub fn memory(&self) -> usize {
        const OVERHEAD: usize = 16;
        match self {
            Value::Str(s) => s.len() + OVERHEAD,
            Value::List(l) => sampled(l.len(), l.iter().map(|e| e.len() + OVERHEAD)),
            Value::Hash(h) => sampled(
                h.len(),
                h.iter().map(|(k, v)| k.len() + v.len() + 2 * OVERHEAD),
            ),
            Value::Set(s) => sampled(s.len(), s.iter().map(|e| e.len() + OVERHEAD)),
            Value::ZSet(z) => sampled(z.len(), z.iter().map(|(m, _)| 2 * m.len() + 48)),
            Value::Stream(s) => s.memory(),
        }
    }
}

/// The bytes of a collection of `len` elements whose sizes `sizes` yields: exact up to
/// 128 elements, the average of the first 128 times `len` beyond.
fn sampled(len: usize, sizes: impl Iterator<Item = usize>) -> usize {
    const SAMPLE: usize = 128;
    const OVERHEAD: usize = 16;
    let sum: usize = sizes.take(SAMPLE).sum();
    let measured = len.min(SAMPLE);
    OVERHEAD
        + sum
            .checked_div(measured)
            .map_or(0, |avg| avg * len + sum % measured)
}

/// A Rust type that a key's value can have, so that one accessor
/// ([`crate::executor::Exec::typed`]) serves every command family.
pub trait Typed: Sized {
    /// An empty value of this type, stored when a command creates the key.
    fn empty() -> Value;
    /// The value as this type, or `None` when it holds another type.
    fn of(value: &mut Value) -> Option<&mut Self>;
}

/// Implements [`Typed`] for the type held (boxed) by one `Value` variant.
macro_rules! typed {
    ($ty:ty, $variant:ident) => {
        impl Typed for $ty {
            fn empty() -> Value {
                Value::$variant(Box::default())
            }
            fn of(value: &mut Value) -> Option<&mut Self> {
                match value {
                    Value::$variant(v) => Some(v),
                    _ => None,
                }
            }
        }
    };
}

typed!(List, List);
typed!(Hash, Hash);
typed!(Set, Set);
typed!(ZSet, ZSet);
typed!(Stream, Stream);

/// The encoding a string keeps regardless of its content, when the command that made it
/// decides (APPEND and SETRANGE leave `raw`, INCRBYFLOAT never `int`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringEncoding {
    /// Chosen from the content, as Redis does when it creates a string.
    Auto,
    /// `embstr`.
    Embstr,
    /// `raw`.
    Raw,
}

/// Bits of [`Entry::meta`].
mod meta {
    /// The access clock: seconds, modulo 2^24 (Redis's LRU clock has the same width).
    pub const CLOCK_MASK: u32 = (1 << 24) - 1;
    /// A string's fixed encoding is `embstr`.
    pub const EMBSTR: u32 = 1 << 24;
    /// A string's fixed encoding is `raw`.
    pub const RAW: u32 = 1 << 25;
    /// A collection outgrew its compact encoding: Redis never converts back.
    pub const LARGE: u32 = 1 << 26;
}

/// A value with its bookkeeping, packed into 32 bytes: a server holds millions.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The value.
    pub value: Value,
    /// Estimated bytes of key and value, as last measured (saturating).
    size: u32,
    /// The access clock and encoding flags (see [`meta`]).
    meta: u32,
}

/// The access clock at `now_ms`.
fn access_clock(now_ms: i64) -> u32 {
    (now_ms / 1000) as u32 & meta::CLOCK_MASK
}

impl Entry {
    fn new(key: &[u8], value: Value, now: i64) -> Entry {
        let size = saturating_u32(key.len() + value.memory());
        Entry {
            value,
            size,
            meta: access_clock(now),
        }
    }

    /// Records an access at `now_ms`.
    fn touch(&mut self, now_ms: i64) {
        self.meta = (self.meta & !meta::CLOCK_MASK) | access_clock(now_ms);
    }

    /// Milliseconds since the last access, at one-second resolution (OBJECT IDLETIME,
    /// LRU eviction); the clock wraps as Redis's does, after 194 days.
    pub fn idle_ms(&self, now_ms: i64) -> i64 {
        let now = access_clock(now_ms);
        let then = self.meta & meta::CLOCK_MASK;
        i64::from(now.wrapping_sub(then) & meta::CLOCK_MASK) * 1000
    }

    /// Fixes the encoding OBJECT ENCODING reports for a string.
    pub fn set_string_encoding(&mut self, encoding: StringEncoding) {
        self.meta &= !(meta::EMBSTR | meta::RAW);
        self.meta |= match encoding {
            StringEncoding::Auto => 0,
            StringEncoding::Embstr => meta::EMBSTR,
            StringEncoding::Raw => meta::RAW,
        };
    }

    /// The encoding OBJECT ENCODING reports, following Redis 7.0's thresholds.
    pub fn encoding(&self) -> &'static str {
        let large = self.meta & meta::LARGE != 0 || !self.value.is_compact();
        match &self.value {
            Value::Str(s) => {
                if self.meta & meta::RAW != 0 {
                    "raw"
                } else if self.meta & meta::EMBSTR != 0 {
                    "embstr"
                } else if s.len() <= 20 && parse_i64(s).is_some() {
                    "int"
                } else if s.len() <= 44 {
                    "embstr"
                } else {
                    "raw"
                }
            }
            Value::List(_) => "quicklist",
            Value::Hash(_) | Value::Set(_) if large => "hashtable",
            Value::Hash(_) => "listpack",
            Value::Set(_) => "intset",
            Value::ZSet(_) if large => "skiplist",
            Value::ZSet(_) => "listpack",
            Value::Stream(_) => "stream",
        }
    }
}

/// A key's entry and expiry time as saved by [`Db::save`].
#[derive(Debug, Clone)]
pub struct SavedKey {
    entry: Entry,
    expire_at: Option<i64>,
}

impl SavedKey {
    /// Estimated bytes of the saved key and value.
    pub fn size(&self) -> usize {
        self.entry.size as usize
    }
}

fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One database.
#[derive(Debug, Default, Clone)]
pub struct Db {
    keys: IndexMap<CompactBytes, Entry, KeyHashBuilder>,
    expires: IndexMap<CompactBytes, i64, KeyHashBuilder>,
    /// Keys deleted because they expired (for INFO's `expired_keys`).
    pub expired_count: u64,
    /// Estimated bytes of every entry.
    mem: usize,
    /// Where the key found last is (see [`Db::position`]).
    last: Cell<usize>,
}

impl Db {
    /// Where `key` is, trying first the place of the key found last: a command finds
    /// its key several times (its checks, the write, the size after it, the undo log),
    /// and comparing one key costs less than hashing it again. Keys are unique, so a
    /// place that holds an equal key is right whatever moved since.
    fn position(&self, key: &[u8]) -> Option<usize> {
        if let Some(at) = self.last_position(key) {
            return Some(at);
        }
        let at = self.keys.get_index_of(key)?;
        self.last.set(at);
        Some(at)
    }

    /// The place of the key found last, if it is `key`.
    fn last_position(&self, key: &[u8]) -> Option<usize> {
        let last = self.last.get();
        self.keys
            .get_index(last)
            .is_some_and(|(k, _)| k.as_slice() == key)
            .then_some(last)
    }

    /// The entry of `key`, expired or not.
    fn entry(&self, key: &[u8]) -> Option<&Entry> {
        self.keys.get_index(self.position(key)?).map(|(_, e)| e)
    }

    /// The entry of `key`, expired or not, to change.
    fn entry_mut(&mut self, key: &[u8]) -> Option<&mut Entry> {
        let at = self.position(key)?;
        self.keys.get_index_mut(at).map(|(_, e)| e)
    }

    /// Number of keys, including keys past their time that were not yet deleted.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the database holds no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of keys with a TTL.
    pub fn expires_len(&self) -> usize {
        self.expires.len()
    }

    fn expire_if_needed(&mut self, key: &[u8], now: i64) -> bool {
        match self.expires.get(key) {
            Some(&when) if when <= now => {
                self.delete(key);
                self.expired_count += 1;
                true
            }
            _ => false,
        }
    }

    /// Removes `key` and its TTL, keeping the memory estimate right.
    fn delete(&mut self, key: &[u8]) -> Option<Entry> {
        self.expires.swap_remove(key);
        let (_, e) = self.keys.swap_remove_index(self.position(key)?)?;
        self.mem = self.mem.saturating_sub(e.size as usize);
        Some(e)
    }

    /// Stores `value` under `key`; an existing key also loses its TTL when
    /// `clear_ttl`. The key is hashed at most once (a new key cannot have a TTL).
    fn insert(&mut self, key: CompactBytes, value: Value, now: i64, clear_ttl: bool) {
        let e = Entry::new(&key, value, now);
        self.mem += e.size as usize;
        let at = match self.last_position(&key) {
            Some(at) => at,
            None => match self.keys.entry(key) {
                indexmap::map::Entry::Occupied(o) => o.index(),
                indexmap::map::Entry::Vacant(v) => {
                    self.last.set(v.index());
                    v.insert(e);
                    return;
                }
            },
        };
        self.last.set(at);
        if let Some((k, old)) = self.keys.get_index_mut(at) {
            let old = std::mem::replace(old, e);
            self.mem = self.mem.saturating_sub(old.size as usize);
            if clear_ttl && !self.expires.is_empty() {
                self.expires.swap_remove(k.as_slice());
            }
        }
    }

    /// Records the encoding the string at `key` keeps.
    pub fn set_string_encoding(&mut self, key: &[u8], encoding: StringEncoding) {
        if let Some(e) = self.entry_mut(key) {
            e.set_string_encoding(encoding);
        }
    }

    /// Estimated bytes of every key and value.
    pub fn memory(&self) -> usize {
        self.mem
    }

    /// Measures `key` again after a write (O(1): see [`Value::memory`]).
    pub fn refresh_size(&mut self, key: &[u8]) {
        let Some(at) = self.position(key) else {
            return;
        };
        let Some((_, e)) = self.keys.get_index_mut(at) else {
            return;
        };
        if e.meta & meta::LARGE == 0 && (e.value.len() > 512 || !e.value.is_compact()) {
            e.meta |= meta::LARGE;
        }
        let size = saturating_u32(key.len() + e.value.memory());
        self.mem = self.mem.saturating_sub(e.size as usize) + size as usize;
        e.size = size;
    }

    /// The live entry of `key`, touching its access time.
    pub fn lookup(&mut self, key: &[u8], now: i64) -> Option<&mut Entry> {
        if self.expire_if_needed(key, now) {
            return None;
        }
        let entry = self.entry_mut(key)?;
        entry.touch(now);
        Some(entry)
    }

    /// The live value of `key`.
    pub fn get(&mut self, key: &[u8], now: i64) -> Option<&mut Value> {
        self.lookup(key, now).map(|e| &mut e.value)
    }

    /// The live value of `key`, without touching its access time.
    pub fn peek(&self, key: &[u8], now: i64) -> Option<&Entry> {
        match self.expires.get(key) {
            Some(&when) if when <= now => None,
            _ => self.entry(key),
        }
    }

    /// Whether `key` exists.
    pub fn contains(&mut self, key: &[u8], now: i64) -> bool {
        !self.expire_if_needed(key, now) && self.position(key).is_some()
    }

    /// Stores `value` under `key`, dropping any TTL.
    pub fn set(&mut self, key: impl Into<CompactBytes>, value: Value, now: i64) {
        self.insert(key.into(), value, now, true);
    }

    /// Stores `value` under `key`, keeping the TTL of a key that exists.
    pub fn set_keep_ttl(&mut self, key: impl Into<CompactBytes>, value: Value, now: i64) {
        let key = key.into();
        self.expire_if_needed(&key, now);
        self.insert(key, value, now, false);
    }

    /// Removes `key`, returning its value if it was live.
    pub fn remove(&mut self, key: &[u8], now: i64) -> Option<Value> {
        if self.expire_if_needed(key, now) {
            return None;
        }
        self.delete(key).map(|e| e.value)
    }

    /// Deletes `key` if it holds an empty collection.
    pub fn remove_if_empty(&mut self, key: &[u8]) {
        if self.entry(key).is_some_and(|e| e.value.is_empty()) {
            self.delete(key);
        }
    }

    /// The absolute expiry time of `key` in ms, if it has one.
    pub fn expire_at(&self, key: &[u8]) -> Option<i64> {
        self.expires.get(key).copied()
    }

    /// Sets the absolute expiry time of an existing key.
    pub fn set_expire(&mut self, key: &[u8], when_ms: i64) {
        if self.position(key).is_some() {
            self.expires.insert(key.into(), when_ms);
        }
    }

    /// Removes the TTL of `key`; returns whether it had one.
    pub fn persist(&mut self, key: &[u8]) -> bool {
        self.expires.swap_remove(key).is_some()
    }

    /// A copy of the live entry of `key` and its expiry time, to put back later with
    /// [`Db::put_back`] (the undo log of a running script).
    pub fn save(&self, key: &[u8], now: i64) -> Option<SavedKey> {
        let expire_at = self.expire_at(key);
        if expire_at.is_some_and(|when| when <= now) {
            return None;
        }
        let entry = self.entry(key)?.clone();
        Some(SavedKey { entry, expire_at })
    }

    /// Makes `key` what [`Db::save`] saved: that entry and expiry, or absent.
    pub fn put_back(&mut self, key: &[u8], saved: Option<SavedKey>) {
        self.delete(key);
        let Some(saved) = saved else {
            return;
        };
        if let Some(when) = saved.expire_at {
            self.expires.insert(CompactBytes::from(key), when);
        }
        self.mem += saved.entry.size as usize;
        self.keys.insert(CompactBytes::from(key), saved.entry);
    }

    /// Deletes every key.
    pub fn clear(&mut self) {
        self.keys.clear();
        self.expires.clear();
        self.mem = 0;
    }

    /// The key at position `index` of the key table (for SCAN and random keys).
    pub fn key_at(&self, index: usize) -> Option<(&[u8], &Entry)> {
        self.keys.get_index(index).map(|(k, e)| (k.as_slice(), e))
    }

    /// Iterates over every key (live or not yet expired-and-deleted).
    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.keys.keys().map(|k| k.as_slice())
    }

    /// Whether `key` is past its expiry time.
    pub fn is_expired(&self, key: &[u8], now: i64) -> bool {
        self.expires.get(key).is_some_and(|&w| w <= now)
    }

    /// Deletes up to `samples` keys with a TTL that are past their time, choosing them
    /// at positions given by `pick`; returns (sampled, expired).
    pub fn expire_sample(
        &mut self,
        samples: usize,
        now: i64,
        mut pick: impl FnMut(usize) -> usize,
    ) -> (usize, usize) {
        let mut expired = 0;
        let n = samples.min(self.expires.len());
        for _ in 0..n {
            if self.expires.is_empty() {
                break;
            }
            let i = pick(self.expires.len());
            let Some((key, &when)) = self.expires.get_index(i) else {
                continue;
            };
            if when <= now {
                let key = key.clone();
                self.delete(&key);
                self.expired_count += 1;
                expired += 1;
            }
        }
        (n, expired)
    }

    /// A key with a TTL at a position given by `pick` (for volatile eviction).
    pub fn volatile_key_at(&self, index: usize) -> Option<&[u8]> {
        self.expires.get_index(index).map(|(k, _)| k.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 24);
        assert_eq!(std::mem::size_of::<Entry>(), 32);
    }

    #[test]
    fn idle_time_counts_seconds_and_survives_the_clock_wrapping() {
        let mut db = Db::default();
        let start = 1_700_000_000_000;
        db.set(&b"k"[..], Value::Str((&b"v"[..]).into()), start);
        let idle = |db: &Db, now| db.peek(b"k", now).map(|e| e.idle_ms(now));
        assert_eq!(idle(&db, start + 4_500), Some(4_000));
        db.lookup(b"k", start + 10_000);
        assert_eq!(idle(&db, start + 12_000), Some(2_000));
        let wrap = start + (1 << 24) * 1000;
        assert_eq!(idle(&db, wrap + 12_000), Some(2_000));
    }

    #[test]
    fn memory_follows_writes_and_deletes() {
        let mut db = Db::default();
        db.set(&b"list"[..], Value::List(Box::default()), 0);
        let empty = db.memory();
        if let Some(Value::List(l)) = db.get(b"list", 0) {
            l.extend((0..1000).map(|i: i32| i.to_string().into_bytes()));
        }
        db.refresh_size(b"list");
        assert!(db.memory() > empty + 1000 * 16);
        db.remove(b"list", 0);
        assert_eq!(db.memory(), 0);
    }

    /// What a user sees of `key`, and the database's memory estimate.
    fn observe(db: &Db, key: &[u8]) -> (Option<String>, Option<i64>, usize, usize) {
        let value = db.peek(key, 0).map(|e| format!("{:?}", e.value));
        (value, db.expire_at(key), db.memory(), db.len())
    }

    #[test]
    fn put_back_restores_a_saved_key_exactly_and_an_absent_one_by_deleting() {
        let mut db = Db::default();
        db.set(&b"k"[..], Value::Str((&b"before"[..]).into()), 0);
        db.set_expire(b"k", 5000);
        let before = observe(&db, b"k");
        let saved = db.save(b"k", 0);
        let list = List::from([b"a much longer value".to_vec()]);
        db.set(&b"k"[..], Value::List(Box::new(list)), 0);
        db.refresh_size(b"k");
        assert_ne!(observe(&db, b"k"), before);
        db.put_back(b"k", saved);
        assert_eq!(observe(&db, b"k"), before);

        let absent = db.save(b"new", 0);
        assert!(absent.is_none());
        db.set(&b"new"[..], Value::Str((&b"x"[..]).into()), 0);
        db.put_back(b"new", absent);
        assert_eq!(observe(&db, b"new"), (None, None, before.2, 1));

        // A key past its time counts as absent.
        assert!(db.save(b"k", 6000).is_none());
    }
}
