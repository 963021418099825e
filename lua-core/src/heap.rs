//! Arenas for heap objects. Values hold `u32` indices into these arenas so
//! they stay `Copy`; strings are interned so equality is index equality.
//! The collector (gc.rs) frees unreachable slots, which later allocations
//! reuse.

use std::ops::{Index, IndexMut};

use crate::coroutine::Thread;
use crate::function::{Function, Upval};
use crate::intern::StringIndex;
use crate::table::Table;
use crate::value::{FuncRef, StrRef, TableRef, Value};

/// Lua 5.1's string hash (lstring.c). With `full` set every byte is hashed,
/// which defeats collision attacks on long strings sharing a sampled skeleton.
pub fn lua_hash(s: &[u8], full: bool) -> u32 {
    let len = s.len();
    let mut h = len as u32;
    let step = if full { 1 } else { (len >> 5) + 1 };
    let mut l1 = len;
    while l1 >= step && l1 > 0 {
        h ^= (h << 5)
            .wrapping_add(h >> 2)
            .wrapping_add(u32::from(s[l1 - 1]));
        l1 -= step;
    }
    h
}

/// Slots of one kind of object, with a free list of collected slots.
pub struct Arena<T> {
    slots: Vec<T>,
    /// False for slots on the free list.
    in_use: Vec<bool>,
    free: Vec<u32>,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena {
            slots: Vec::new(),
            in_use: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T> Arena<T> {
    /// Stores `v` in a free slot (or a new one) and returns its index.
    pub fn alloc(&mut self, v: T) -> u32 {
        if let Some(i) = self.free.pop() {
            self.slots[i as usize] = v;
            self.in_use[i as usize] = true;
            return i;
        }
        self.slots.push(v);
        self.in_use.push(true);
        (self.slots.len() - 1) as u32
    }

    /// Number of slots, free ones included.
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Whether slot `i` holds a live object.
    pub fn in_use(&self, i: usize) -> bool {
        self.in_use.get(i).copied().unwrap_or(false)
    }

    /// Frees every live slot `marks` does not mark (what it held is dropped
    /// now, `empty()` left in its place) and returns the summed `size` of
    /// the slots kept.
    pub(crate) fn sweep(
        &mut self,
        marks: &[bool],
        size: impl Fn(&T) -> usize,
        empty: impl Fn() -> T,
    ) -> usize {
        let mut kept = 0;
        for i in 0..self.slots.len() {
            if !self.in_use[i] {
                continue;
            }
            if marks.get(i).copied().unwrap_or(false) {
                kept += size(&self.slots[i]);
            } else {
                self.release(i, empty());
            }
        }
        kept
    }

    /// Returns slot `i` to the free list, leaving `empty` in it so that what
    /// it held is dropped now.
    pub(crate) fn release(&mut self, i: usize, empty: T) -> T {
        self.in_use[i] = false;
        self.free.push(i as u32);
        std::mem::replace(&mut self.slots[i], empty)
    }
}

impl<T> Index<usize> for Arena<T> {
    type Output = T;
    #[inline]
    fn index(&self, i: usize) -> &T {
        &self.slots[i]
    }
}

impl<T> IndexMut<usize> for Arena<T> {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.slots[i]
    }
}

/// A full userdata (only `newproxy` makes them in the base libraries).
pub struct UserData {
    /// Its metatable.
    pub metatable: Option<TableRef>,
    /// Creation order: finalizers of one collection run newest first.
    pub serial: u64,
    /// Its `__gc` already ran (a resurrected object is not finalized twice).
    pub finalized: bool,
}

/// Owner of every string, table, function, upvalue, thread and userdata.
#[derive(Default)]
pub struct Heap {
    pub(crate) strings: Arena<Box<[u8]>>,
    /// Interned strings by their bytes.
    string_index: StringIndex,
    pub(crate) tables: Arena<Table>,
    pub(crate) functions: Arena<Function>,
    /// Upvalue cells shared by closures.
    pub upvals: Arena<Upval>,
    pub(crate) threads: Arena<Thread>,
    pub(crate) userdata: Arena<UserData>,
    userdata_serial: u64,
    /// Hash every byte of strings instead of Lua's sampled hash.
    pub full_hash: bool,
    /// Estimated bytes held, live or not yet collected.
    pub(crate) allocated: usize,
}

/// Estimated cost of one interned string beyond its bytes (its box, the
/// index entry).
pub(crate) const STRING_OVERHEAD: usize = 48;
/// Estimated cost of an object slot.
pub(crate) const OBJECT_SIZE: usize = 64;

impl Heap {
    /// An empty heap.
    pub fn new() -> Heap {
        Heap::default()
    }

    /// Interns `s`, returning the existing handle when already present.
    pub fn intern(&mut self, s: &[u8]) -> StrRef {
        match self.string_index.find(s, &self.strings) {
            Ok((idx, hash)) => StrRef { idx, hash },
            Err(vacant) => {
                let hash = lua_hash(s, self.full_hash);
                self.allocated += s.len() + STRING_OVERHEAD;
                let idx = self.strings.alloc(s.into());
                self.string_index.insert(vacant, idx, hash);
                StrRef { idx, hash }
            }
        }
    }

    /// Interns `s` and wraps it as a value.
    pub fn str_value(&mut self, s: &[u8]) -> Value {
        Value::String(self.intern(s))
    }

    /// The bytes of an interned string.
    #[inline]
    pub fn str(&self, s: StrRef) -> &[u8] {
        &self.strings[s.idx as usize]
    }

    /// Frees string slot `i` (collector only).
    pub(crate) fn free_string(&mut self, i: usize) {
        let bytes = self.strings.release(i, Box::default());
        self.string_index.remove(&bytes, i as u32);
    }

    /// Bytes held by heap objects, as the memory limit counts them.
    pub fn bytes_used(&self) -> usize {
        self.allocated
    }

    /// Allocates a table with preallocated array and hash parts.
    pub fn new_table(&mut self, narray: usize, nhash: usize) -> TableRef {
        self.adopt_table(Table::new(narray, nhash))
    }

    /// Puts a table built outside the heap (e.g. [`Table::from_string_entries`]) in it.
    #[inline]
    pub fn adopt_table(&mut self, t: Table) -> TableRef {
        self.allocated += OBJECT_SIZE + t.mem_size();
        TableRef(self.tables.alloc(t))
    }

    /// Shared access to a table.
    #[inline]
    pub fn table(&self, t: TableRef) -> &Table {
        &self.tables[t.0 as usize]
    }

    /// Mutable access to a table.
    #[inline]
    pub fn table_mut(&mut self, t: TableRef) -> &mut Table {
        &mut self.tables[t.0 as usize]
    }

    /// Allocates a function object.
    pub fn new_function(&mut self, f: Function) -> FuncRef {
        self.allocated += OBJECT_SIZE;
        FuncRef(self.functions.alloc(f))
    }

    /// Shared access to a function.
    #[inline]
    pub fn function(&self, f: FuncRef) -> &Function {
        &self.functions[f.0 as usize]
    }

    /// Mutable access to a function.
    pub fn function_mut(&mut self, f: FuncRef) -> &mut Function {
        &mut self.functions[f.0 as usize]
    }

    /// Allocates an upvalue cell.
    pub fn new_upval(&mut self, u: Upval) -> u32 {
        self.allocated += OBJECT_SIZE / 2;
        self.upvals.alloc(u)
    }

    /// Allocates a thread (coroutine).
    pub fn new_thread(&mut self, t: Thread) -> u32 {
        self.allocated += OBJECT_SIZE + t.stack.len() * std::mem::size_of::<Value>();
        self.threads.alloc(t)
    }

    /// Shared access to a thread.
    #[inline]
    pub fn thread(&self, t: u32) -> &Thread {
        &self.threads[t as usize]
    }

    /// Mutable access to a thread.
    #[inline]
    pub fn thread_mut(&mut self, t: u32) -> &mut Thread {
        &mut self.threads[t as usize]
    }

    /// Allocates a userdata with `metatable`.
    pub fn new_userdata(&mut self, metatable: Option<TableRef>) -> u32 {
        self.allocated += OBJECT_SIZE;
        self.userdata_serial += 1;
        self.userdata.alloc(UserData {
            metatable,
            serial: self.userdata_serial,
            finalized: false,
        })
    }

    /// Replaces a userdata's metatable.
    pub fn set_userdata_metatable(&mut self, u: u32, mt: Option<TableRef>) {
        self.userdata[u as usize].metatable = mt;
    }

    /// Shared access to a userdata.
    #[inline]
    pub fn userdata(&self, u: u32) -> &UserData {
        &self.userdata[u as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_dedups() {
        let mut h = Heap::new();
        let a = h.intern(b"hello");
        let b = h.intern(b"hello");
        assert_eq!(a, b);
        assert_eq!(h.str(a), b"hello");
        assert_ne!(a.idx, h.intern(b"world").idx);
    }

    #[test]
    fn freed_slots_are_reused() {
        let mut h = Heap::new();
        let a = h.intern(b"gone");
        h.free_string(a.idx as usize);
        let b = h.intern(b"new");
        assert_eq!(a.idx, b.idx);
        assert_eq!(h.str(b), b"new");
        // The freed string is no longer interned: interning it again makes
        // a fresh one.
        assert_ne!(h.intern(b"gone").idx, b.idx);
    }
}
