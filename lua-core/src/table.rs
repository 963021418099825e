//! Lua tables, laid out exactly as ltable.c of Lua 5.1 (array part plus a
//! chained scatter table with Brent's variation) so that `next` visits keys
//! in the same order as the reference interpreter.

use std::cell::Cell;

use crate::value::{StrRef, TableRef, Value};

thread_local! {
    /// Bytes that tables on this thread grew by (negative: shrank) since
    /// the owning state last looked; resizes happen deep inside `set`, where
    /// no heap is at hand, and the collector must still see the growth.
    static GROWTH: Cell<isize> = const { Cell::new(0) };
}

/// Takes the table growth recorded on this thread since the last call.
pub(crate) fn take_growth() -> isize {
    GROWTH.with(|g| g.replace(0))
}

/// Largest array-part exponent (ltable.c MAXBITS).
const MAXBITS: usize = 26;
const MAXASIZE: i64 = 1 << MAXBITS;

#[derive(Clone, Copy, Default)]
struct Node {
    key: Value,
    val: Value,
    /// Index of the next node in the collision chain, or -1.
    next: i32,
}

/// A Lua table.
pub struct Table {
    array: Vec<Value>,
    node: Vec<Node>,
    /// True while `node` stands for Lua's shared empty `dummynode`.
    dummy: bool,
    /// Free-slot search position; every slot at or above it is in use.
    lastfree: usize,
    /// The table's metatable.
    pub metatable: Option<TableRef>,
    /// Set by hosts that protect a table (Redis's sandbox): the VM's stores
    /// into it fail with `Attempt to modify a readonly table`.
    pub readonly: bool,
}

/// ceil(log2(x)) for x >= 1.
fn ceil_log2(x: usize) -> usize {
    let mut l = 0;
    while (1usize << l) < x {
        l += 1;
    }
    l
}

/// The key as an array index when it is a number with an integral value
/// (ltable.c arrayindex), else -1.
fn array_index(key: Value) -> i64 {
    if let Value::Number(n) = key {
        let k = n as i32;
        if f64::from(k) == n {
            return i64::from(k);
        }
    }
    -1
}

/// Counts an integer key in `nums` (ltable.c countint).
fn count_int(key: Value, nums: &mut [usize; MAXBITS + 1]) -> usize {
    let k = array_index(key);
    if 0 < k && k <= MAXASIZE {
        nums[ceil_log2(k as usize)] += 1;
        1
    } else {
        0
    }
}

/// `next` was given a key that is not in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidKey;

/// Errors raised by table stores with invalid keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    /// `t[nil] = v`
    Nil,
    /// `t[0/0] = v`
    NaN,
}

impl KeyError {
    /// The message Lua reports for this error.
    pub fn message(self) -> &'static str {
        match self {
            KeyError::Nil => "table index is nil",
            KeyError::NaN => "table index is NaN",
        }
    }
}

impl Table {
    /// A table with room for `narray` array slots and `nhash` hash nodes.
    pub fn new(narray: usize, nhash: usize) -> Table {
        let mut t = Table::placeholder();
        t.array.resize(narray, Value::Nil);
        t.set_node_vector(nhash);
        t
    }

    /// The table that storing `entries` one by one into a new empty table makes (as
    /// lua-cjson's decoder does with `rawset`), built without the tables in between:
    /// the node layout is the one that growth (1, 2, 4... nodes, each rehash putting
    /// the old keys back last node first) ends with, so `next` visits the keys in the
    /// same order. A repeated key keeps its last value. Values must not be nil.
    pub fn from_string_entries(entries: &[(StrRef, Value)]) -> Table {
        let mut layout = EntryLayout::default();
        for e in 0..entries.len() {
            if !layout.insert(entries, e) {
                layout.rehash(entries);
                layout.insert(entries, e);
            }
        }
        let mut t = Table::placeholder();
        t.set_node_vector(layout.slots.len());
        for (node, &(e, next)) in t.node.iter_mut().zip(&layout.slots) {
            node.next = next;
            if let Some(&(key, val)) = entries.get(e as usize) {
                node.key = Value::String(key);
                node.val = val;
            }
        }
        t.lastfree = layout.lastfree;
        t
    }

    /// What a collected table's arena slot holds until reuse: no array, no
    /// nodes, so freeing a table allocates nothing.
    pub(crate) fn placeholder() -> Table {
        Table {
            array: Vec::new(),
            node: Vec::new(),
            dummy: true,
            lastfree: 0,
            metatable: None,
            readonly: false,
        }
    }

    fn set_node_vector(&mut self, size: usize) {
        if size == 0 {
            // No node at all (PUC-Rio shares one static dummy node): a table
            // without a hash part allocates nothing for it, and every lookup
            // in it misses.
            self.node = Vec::new();
            self.dummy = true;
            self.lastfree = 0;
        } else {
            let lsize = ceil_log2(size);
            let size = 1usize << lsize;
            self.node = vec![
                Node {
                    next: -1,
                    ..Node::default()
                };
                size
            ];
            self.dummy = false;
            self.lastfree = size;
        }
    }

    #[inline]
    fn size_node(&self) -> usize {
        self.node.len()
    }

    /// Index of the main position of `key` in the node part (ltable.c
    /// mainposition).
    fn main_position(&self, key: Value) -> usize {
        // Wrapping: a collected slot's placeholder has no nodes at all.
        let mask = self.size_node().wrapping_sub(1);
        let hashmod = |n: u32| (n % ((mask as u32) | 1)) as usize;
        match key {
            Value::Number(n) => {
                if n == 0.0 {
                    return 0;
                }
                let bits = n.to_bits();
                hashmod((bits as u32).wrapping_add((bits >> 32) as u32))
            }
            Value::String(s) => (s.hash as usize) & mask,
            Value::Boolean(b) => usize::from(b) & mask,
            Value::Table(t) => hashmod(t.0),
            Value::Function(f) => hashmod(f.0),
            Value::UserData(u) | Value::Thread(u) => hashmod(u),
            Value::LightUserData(p) => hashmod(p as u32),
            Value::Nil => 0,
        }
    }

    /// Number of array-part slots.
    pub fn array_len(&self) -> usize {
        self.array.len()
    }

    /// Node index holding string `key`, searching its chain.
    #[inline]
    fn find_str(&self, key: StrRef) -> Option<usize> {
        let mut n = (key.hash as usize) & self.node.len().wrapping_sub(1);
        loop {
            let node = self.node.get(n)?;
            if matches!(node.key, Value::String(s) if s.idx == key.idx) {
                return Some(n);
            }
            if node.next < 0 {
                return None;
            }
            n = node.next as usize;
        }
    }

    /// Node index holding `key`, searching its chain.
    fn find_node(&self, key: Value) -> Option<usize> {
        if let Value::String(s) = key {
            return self.find_str(s);
        }
        let mut n = self.main_position(key) as i32;
        loop {
            let node = self.node.get(n as usize)?;
            if node.key.raw_eq(key) {
                return Some(n as usize);
            }
            n = node.next;
            if n < 0 {
                return None;
            }
        }
    }

    /// Raw get with an integer key (luaH_getnum).
    #[inline]
    pub fn get_int(&self, key: i64) -> Value {
        if key >= 1 && (key as u64) <= self.array.len() as u64 {
            return self.array[(key - 1) as usize];
        }
        match self.find_node(Value::Number(key as f64)) {
            Some(i) => self.node[i].val,
            None => Value::Nil,
        }
    }

    /// Raw get (luaH_get).
    #[inline]
    pub fn get(&self, key: Value) -> Value {
        match key {
            Value::Nil => Value::Nil,
            Value::String(s) => self.get_str(s),
            Value::Number(n) => self.get_num(n),
            _ => self.get_in_nodes(key),
        }
    }

    /// Raw get with a number key.
    #[inline]
    pub fn get_num(&self, n: f64) -> Value {
        let k = n as i32;
        if f64::from(k) == n {
            if let Some(v) = self.array.get((k as usize).wrapping_sub(1)) {
                return *v;
            }
        }
        self.get_in_nodes(Value::Number(n))
    }

    /// Raw get of a key that is not in the array part (kept out of line so
    /// that `get` inlines into the VM).
    #[inline(never)]
    fn get_in_nodes(&self, key: Value) -> Value {
        self.find_node(key).map_or(Value::Nil, |i| self.node[i].val)
    }

    /// Raw get with a string key (luaH_getstr): fields, globals, methods.
    #[inline]
    pub fn get_str(&self, key: StrRef) -> Value {
        match self.find_str(key) {
            Some(n) => self.node[n].val,
            None => Value::Nil,
        }
    }

    /// [`Table::set_existing`] with a number key: stores into the array
    /// part when `n` indexes it and no `__newindex` can apply.
    #[inline]
    pub fn set_existing_num(&mut self, n: f64, val: Value) -> bool {
        if self.readonly {
            return false;
        }
        let free = self.metatable.is_none();
        let k = n as i32;
        if f64::from(k) != n {
            return false;
        }
        match self.array.get_mut((k as usize).wrapping_sub(1)) {
            Some(slot) if free || !matches!(*slot, Value::Nil) => {
                *slot = val;
                true
            }
            _ => false,
        }
    }

    /// Stores `val` under `key` when that needs no metamethod and no new
    /// slot: the key has a non-nil value (in the array part or a node), or
    /// the table has no metatable and the slot exists. Returns false, having
    /// stored nothing, when the full `__newindex`/`set` path is needed (a
    /// read-only table always takes it, to fail there).
    #[inline]
    pub fn set_existing(&mut self, key: Value, val: Value) -> bool {
        if self.readonly {
            return false;
        }
        let free = self.metatable.is_none();
        let slot = match key {
            Value::Number(n) => return self.set_existing_num(n, val),
            Value::String(s) => match self.find_str(s) {
                Some(n) => &mut self.node[n].val,
                None => return false,
            },
            _ => return false,
        };
        if free || !matches!(*slot, Value::Nil) {
            *slot = val;
            true
        } else {
            false
        }
    }

    /// Raw set (luaH_set + assignment). Like Lua 5.1, storing into an absent
    /// key creates its node even when the value is nil, which keeps the
    /// layout, and therefore `next` order, identical to the reference.
    pub fn set(&mut self, key: Value, val: Value) -> Result<(), KeyError> {
        match key {
            Value::Nil => return Err(KeyError::Nil),
            Value::Number(n) => {
                if n.is_nan() {
                    return Err(KeyError::NaN);
                }
                let k = n as i32;
                if f64::from(k) == n && k >= 1 && (k as usize) <= self.array.len() {
                    self.array[(k - 1) as usize] = val;
                    return Ok(());
                }
            }
            _ => {}
        }
        if let Some(i) = self.find_node(key) {
            self.node[i].val = val;
            return Ok(());
        }
        match self.new_key(key) {
            Some(i) => self.node[i].val = val,
            // The table grew; as luaH_set does, retry in the new layout,
            // which always has room so this recursion is one level deep.
            None => return self.set(key, val),
        }
        Ok(())
    }

    /// Raw set with an integer key.
    pub fn set_int(&mut self, key: i64, val: Value) {
        if key >= 1 && (key as u64) <= self.array.len() as u64 {
            self.array[(key - 1) as usize] = val;
        } else {
            // A number key is never nil or NaN, so this cannot fail.
            let _ = self.set(Value::Number(key as f64), val);
        }
    }

    fn get_free_pos(&mut self) -> Option<usize> {
        while self.lastfree > 0 {
            self.lastfree -= 1;
            if matches!(self.node[self.lastfree].key, Value::Nil) {
                return Some(self.lastfree);
            }
        }
        None
    }

    /// Inserts a key known to be absent, returning its node (ltable.c
    /// newkey), or `None` when the table had to be rehashed instead.
    fn new_key(&mut self, key: Value) -> Option<usize> {
        let mut mp = self.main_position(key);
        if self.dummy || !matches!(self.node[mp].val, Value::Nil) {
            let Some(n) = self.get_free_pos() else {
                self.rehash(key);
                return None;
            };
            let mut othern = self.main_position(self.node[mp].key);
            if othern != mp {
                // The colliding node is out of its main position: move it to
                // the free slot and give `mp` to the new key.
                while self.node[othern].next != mp as i32 {
                    othern = self.node[othern].next as usize;
                }
                self.node[othern].next = n as i32;
                self.node[n] = self.node[mp];
                self.node[mp].next = -1;
                self.node[mp].val = Value::Nil;
            } else {
                self.node[n].next = self.node[mp].next;
                self.node[mp].next = n as i32;
                mp = n;
            }
        }
        self.node[mp].key = key;
        Some(mp)
    }

    fn num_use_array(&self, nums: &mut [usize; MAXBITS + 1]) -> usize {
        let mut ause = 0;
        let mut i = 1;
        let mut ttlg = 1;
        for slot in nums.iter_mut() {
            let mut lim = ttlg;
            if lim > self.array.len() {
                lim = self.array.len();
                if i > lim {
                    break;
                }
            }
            let mut lc = 0;
            while i <= lim {
                if !matches!(self.array[i - 1], Value::Nil) {
                    lc += 1;
                }
                i += 1;
            }
            *slot += lc;
            ause += lc;
            ttlg *= 2;
        }
        ause
    }

    fn rehash(&mut self, extra: Value) {
        let mut nums = [0usize; MAXBITS + 1];
        let mut nasize = self.num_use_array(&mut nums);
        let mut totaluse = nasize;
        for n in self.node.iter().rev() {
            if !matches!(n.val, Value::Nil) {
                nasize += count_int(n.key, &mut nums);
                totaluse += 1;
            }
        }
        nasize += count_int(extra, &mut nums);
        totaluse += 1;
        // computesizes: the largest n such that more than half of 1..n is used.
        let (mut a, mut na, mut n) = (0, 0, 0);
        let mut twotoi = 1usize;
        for &count in nums.iter() {
            if twotoi / 2 >= nasize {
                break;
            }
            if count > 0 {
                a += count;
                if a > twotoi / 2 {
                    n = twotoi;
                    na = a;
                }
            }
            if a == nasize {
                break;
            }
            twotoi *= 2;
        }
        self.resize(n, totaluse - na);
    }

    /// Bytes held by the array and hash parts.
    pub fn mem_size(&self) -> usize {
        let nodes = if self.dummy { 0 } else { self.node.len() };
        self.array.capacity() * std::mem::size_of::<Value>() + nodes * std::mem::size_of::<Node>()
    }

    /// Resizes both parts and re-inserts entries in luaH_resize's order.
    pub fn resize(&mut self, nasize: usize, nhsize: usize) {
        let before = self.mem_size() as isize;
        self.resize_parts(nasize, nhsize);
        let after = self.mem_size() as isize;
        GROWTH.with(|g| g.set(g.get() + after - before));
    }

    fn resize_parts(&mut self, nasize: usize, nhsize: usize) {
        let oldasize = self.array.len();
        if nasize > oldasize {
            self.array.resize(nasize, Value::Nil);
        }
        let old_nodes = std::mem::take(&mut self.node);
        self.set_node_vector(nhsize);
        if nasize < oldasize {
            let vanishing = self.array.split_off(nasize);
            for (i, v) in vanishing.into_iter().enumerate() {
                if !matches!(v, Value::Nil) {
                    self.set_int((nasize + i + 1) as i64, v);
                }
            }
        }
        for old in old_nodes.iter().rev() {
            if !matches!(old.val, Value::Nil) {
                // Keys already in a table are valid, so this cannot fail.
                let _ = self.set(old.key, old.val);
            }
        }
    }

    /// Grows the array part to `n` slots keeping the node part's size
    /// (luaH_resizearray, used by SETLIST).
    pub fn resize_array(&mut self, n: usize) {
        let nh = if self.dummy { 0 } else { self.node.len() };
        self.resize(n, nh);
    }

    /// Every value of the array part and every live (key, value) pair of the
    /// hash part, for the collector's traversal.
    pub(crate) fn entries(&self) -> (&[Value], impl Iterator<Item = (Value, Value)> + '_) {
        let nodes = self
            .node
            .iter()
            .filter(|n| !matches!(n.val, Value::Nil))
            .map(|n| (n.key, n.val));
        (&self.array, nodes)
    }

    /// Removes the entries of a weak table whose weak key (`keys`) or weak
    /// value (`values`) the collector found dead. A removed entry keeps its
    /// key as a dead key so that a traversal in progress can go on.
    pub(crate) fn clear_weak(&mut self, keys: bool, values: bool, dead: impl Fn(Value) -> bool) {
        if values {
            for v in self.array.iter_mut() {
                if dead(*v) {
                    *v = Value::Nil;
                }
            }
        }
        for n in self.node.iter_mut() {
            if (keys && dead(n.key)) || (values && dead(n.val)) {
                n.val = Value::Nil;
            }
        }
    }

    /// The entry after `key` in traversal order (luaH_next): array part
    /// first, then nodes by index. `Err` for a key not in the table.
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, InvalidKey> {
        let i = match key {
            Value::Nil => 0,
            _ => {
                let k = array_index(key);
                if k > 0 && (k as usize) <= self.array.len() {
                    k as usize
                } else {
                    match self.find_node(key) {
                        Some(n) => n + 1 + self.array.len(),
                        None => return Err(InvalidKey),
                    }
                }
            }
        };
        Ok(self.entry_from(i).map(|(_, k, v)| (k, v)))
    }

    /// The first entry at or after traversal position `pos` (array slots, then
    /// nodes), with its position: [`Table::next`] without finding the key
    /// again, for a walk during which the table does not change.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let mut i = pos;
        while i < self.array.len() {
            if !matches!(self.array[i], Value::Nil) {
                return Some((i, Value::Number((i + 1) as f64), self.array[i]));
            }
            i += 1;
        }
        let mut n = i - self.array.len();
        while n < self.node.len() {
            let node = &self.node[n];
            if !matches!(node.val, Value::Nil) {
                return Some((self.array.len() + n, node.key, node.val));
            }
            n += 1;
        }
        None
    }

    /// The length operator's border (luaH_getn).
    pub fn len(&self) -> usize {
        let mut j = self.array.len();
        if j > 0 && matches!(self.array[j - 1], Value::Nil) {
            let mut i = 0;
            while j - i > 1 {
                let m = (i + j) / 2;
                if matches!(self.array[m - 1], Value::Nil) {
                    j = m;
                } else {
                    i = m;
                }
            }
            return i;
        }
        if self.dummy {
            return j;
        }
        // unbound_search: double until a nil, then binary search.
        let mut i = j;
        j += 1;
        while !matches!(self.get_int(j as i64), Value::Nil) {
            i = j;
            j *= 2;
            if j > i32::MAX as usize {
                let mut i = 1;
                while !matches!(self.get_int(i), Value::Nil) {
                    i += 1;
                }
                return (i - 1) as usize;
            }
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if matches!(self.get_int(m as i64), Value::Nil) {
                j = m;
            } else {
                i = m;
            }
        }
        i
    }

    /// True when the table has no entries at all.
    pub fn is_empty(&self) -> bool {
        matches!(self.next(Value::Nil), Ok(None))
    }
}

/// The hash part of [`Table::from_string_entries`] while it is laid out: each node is
/// (index of the entry whose key it holds, or `FREE`; next node in its chain, or -1).
#[derive(Default)]
struct EntryLayout {
    slots: smallvec::SmallVec<[(u32, i32); 32]>,
    lastfree: usize,
}

impl EntryLayout {
    const FREE: u32 = u32::MAX;

    fn main_position(&self, key: StrRef) -> usize {
        (key.hash as usize) & (self.slots.len() - 1)
    }

    /// Stores entry `e` as [`Table::set`] does; false when the table is full and must
    /// be rehashed first (there is no node at all, or no free one).
    fn insert(&mut self, entries: &[(StrRef, Value)], e: usize) -> bool {
        let key_of = |e: u32| entries.get(e as usize).map(|&(k, _)| k.idx);
        let key = entries[e].0;
        if self.slots.is_empty() {
            return false;
        }
        let mut mp = self.main_position(key);
        let mut n = mp as i32;
        while n >= 0 {
            let slot = &mut self.slots[n as usize];
            if key_of(slot.0) == Some(key.idx) {
                slot.0 = e as u32;
                return true;
            }
            n = slot.1;
        }
        if self.slots[mp].0 != Self::FREE {
            // ltable.c newkey: a colliding key out of its main position moves to a free
            // node; one in its main position keeps it and the new key is chained.
            let Some(free) = (0..self.lastfree)
                .rev()
                .find(|&i| self.slots[i].0 == Self::FREE)
            else {
                self.lastfree = 0;
                return false;
            };
            self.lastfree = free;
            let occupant = entries[self.slots[mp].0 as usize].0;
            let mut other = self.main_position(occupant);
            if other != mp {
                while self.slots[other].1 != mp as i32 {
                    other = self.slots[other].1 as usize;
                }
                self.slots[other].1 = free as i32;
                self.slots[free] = self.slots[mp];
                self.slots[mp].1 = -1;
            } else {
                self.slots[free].1 = self.slots[mp].1;
                self.slots[mp].1 = free as i32;
                mp = free;
            }
        }
        self.slots[mp].0 = e as u32;
        true
    }

    /// ltable.c rehash for one more key: as many nodes as keys (rounded up to a power
    /// of two), the old keys put back from the last node to the first.
    fn rehash(&mut self, entries: &[(StrRef, Value)]) {
        let old = std::mem::take(&mut self.slots);
        let keys = old.iter().filter(|&&(e, _)| e != Self::FREE).count();
        let size = 1usize << ceil_log2(keys + 1);
        self.slots.resize(size, (Self::FREE, -1));
        self.lastfree = size;
        for &(e, _) in old.iter().rev() {
            if e != Self::FREE {
                self.insert(entries, e as usize);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Heap;

    const EXPECTED_K20: &str =
        "k16 k19 k11 k17 k15 k20 k10 k8 k1 k12 k3 k2 k9 k13 k18 k14 k6 k7 k4 k5";
    const EXPECTED_MIXED: &str = "1 2 3 4 5 zz true 0.5 100 y x 10 -1 20";

    fn keys(h: &Heap, t: &Table) -> String {
        let mut out = Vec::new();
        let mut k = Value::Nil;
        while let Ok(Some((nk, _))) = t.next(k) {
            match nk {
                Value::String(s) => out.push(String::from_utf8_lossy(h.str(s)).into_owned()),
                Value::Number(n) => out.push(crate::number::fmt_number(n)),
                Value::Boolean(b) => out.push(b.to_string()),
                _ => out.push("?".into()),
            }
            k = nk;
        }
        out.join(" ")
    }

    #[test]
    fn string_entries_lay_out_as_one_by_one_stores() {
        let mut h = Heap::new();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for n in 1..=70u32 {
            for _ in 0..20 {
                // Keys drawn from twice as many names as stores: some repeat.
                let entries: Vec<(StrRef, Value)> = (0..n)
                    .map(|i| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        let name = format!("key{}", seed % (2 * u64::from(n)));
                        let Value::String(k) = h.str_value(name.as_bytes()) else {
                            unreachable!()
                        };
                        (k, Value::Number(f64::from(i)))
                    })
                    .collect();
                let mut stored = Table::new(0, 0);
                for &(k, v) in &entries {
                    stored.set(Value::String(k), v).unwrap();
                }
                let built = Table::from_string_entries(&entries);
                assert_eq!(keys(&h, &built), keys(&h, &stored));
                assert_eq!(built.node.len(), stored.node.len());
                assert_eq!(built.lastfree, stored.lastfree);
                for (a, b) in built.node.iter().zip(&stored.node) {
                    assert!(a.key.raw_eq(b.key) && a.val.raw_eq(b.val) && a.next == b.next);
                }
            }
        }
        assert_eq!(keys(&h, &Table::from_string_entries(&[])), "");
    }

    #[test]
    fn placeholder_behaves_as_an_empty_table() {
        let mut h = Heap::new();
        let k = h.str_value(b"k");
        let mut t = Table::placeholder();
        assert!(matches!(t.get(k), Value::Nil));
        assert!(matches!(t.get(Value::Number(3.0)), Value::Nil));
        assert!(matches!(t.get(Value::Boolean(true)), Value::Nil));
        assert_eq!(t.len(), 0);
        assert!(t.is_empty());
        assert!(!t.set_existing(k, Value::Number(1.0)));
        t.set(k, Value::Number(1.0)).unwrap();
        t.set(Value::Number(1.0), Value::Number(2.0)).unwrap();
        assert!(matches!(t.get(k), Value::Number(n) if n == 1.0));
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn string_key_order_matches_lua51() {
        let mut h = Heap::new();
        let mut t = Table::new(0, 0);
        for i in 1..=20 {
            let k = h.str_value(format!("k{i}").as_bytes());
            t.set(k, Value::Number(f64::from(i))).unwrap();
        }
        assert_eq!(keys(&h, &t), EXPECTED_K20);
    }

    #[test]
    fn mixed_key_order_matches_lua51() {
        let mut h = Heap::new();
        let mut t = Table::new(0, 0);
        for k in [1.0, 2.0, 3.0, 10.0, 20.0, 0.5, -1.0, 100.0, 4.0, 5.0] {
            t.set(Value::Number(k), Value::Boolean(true)).unwrap();
        }
        for s in ["x", "y", "zz"] {
            t.set(h.str_value(s.as_bytes()), Value::Boolean(true))
                .unwrap();
        }
        t.set(Value::Boolean(true), Value::Boolean(true)).unwrap();
        assert_eq!(keys(&h, &t), EXPECTED_MIXED);
        assert_eq!(t.len(), 5);
    }
}
