//! Arenas for heap objects. Values hold `u32` indices into these arenas so
//! they stay `Copy`; strings are interned so equality is index equality.

use std::collections::HashMap;

use crate::coroutine::Thread;
use crate::function::{Function, Upval};
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

/// Owner of every string and table.
#[derive(Default)]
pub struct Heap {
    strings: Vec<Box<[u8]>>,
    string_index: HashMap<Box<[u8]>, u32>,
    tables: Vec<Table>,
    functions: Vec<Function>,
    threads: Vec<Thread>,
    /// Upvalue cells shared by closures.
    pub upvals: Vec<Upval>,
    /// Hash every byte of strings instead of Lua's sampled hash.
    pub full_hash: bool,
}

impl Heap {
    /// An empty heap.
    pub fn new() -> Heap {
        Heap::default()
    }

    /// Interns `s`, returning the existing handle when already present.
    pub fn intern(&mut self, s: &[u8]) -> StrRef {
        let hash = lua_hash(s, self.full_hash);
        if let Some(&idx) = self.string_index.get(s) {
            return StrRef { idx, hash };
        }
        let idx = self.strings.len() as u32;
        self.strings.push(s.into());
        self.string_index.insert(s.into(), idx);
        StrRef { idx, hash }
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

    /// Bytes held by heap objects, as the memory limit counts them.
    pub fn bytes_used(&self) -> usize {
        self.strings.iter().map(|s| s.len() + 16).sum::<usize>()
            + self.tables.len() * std::mem::size_of::<Table>()
            + self.functions.len() * std::mem::size_of::<Function>()
    }

    /// Allocates a table with preallocated array and hash parts.
    pub fn new_table(&mut self, narray: usize, nhash: usize) -> TableRef {
        let idx = self.tables.len() as u32;
        self.tables.push(Table::new(narray, nhash));
        TableRef(idx)
    }

    /// Shared access to a table.
    #[inline]
    pub fn table(&self, t: TableRef) -> &Table {
        &self.tables[t.0 as usize]
    }

    /// Allocates a function object.
    pub fn new_function(&mut self, f: Function) -> FuncRef {
        let idx = self.functions.len() as u32;
        self.functions.push(f);
        FuncRef(idx)
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

    /// Allocates a thread (coroutine).
    pub fn new_thread(&mut self, t: Thread) -> u32 {
        self.threads.push(t);
        (self.threads.len() - 1) as u32
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

    /// Allocates an upvalue cell.
    pub fn new_upval(&mut self, u: Upval) -> u32 {
        self.upvals.push(u);
        (self.upvals.len() - 1) as u32
    }

    /// Mutable access to a table.
    #[inline]
    pub fn table_mut(&mut self, t: TableRef) -> &mut Table {
        &mut self.tables[t.0 as usize]
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
}
