//! The `table` library's algorithms: ltablib.c's `tinsert`, `tremove` and
//! `auxsort` quicksort, with the same reads, writes and comparisons in the
//! same order, so comparators with side effects or inconsistent orders give
//! lua5.1's results and errors.

/// The array part of a table as `table.insert`, `remove` and `sort` use it.
pub trait ArrayAccess {
    /// A table element.
    type Value: Clone;
    /// The caller's error (a comparator's error, the budget, ...).
    type Error;
    /// `lua_rawgeti(t, i)`.
    fn get(&mut self, i: i64) -> Result<Self::Value, Self::Error>;
    /// `lua_rawseti(t, i, v)`.
    fn set(&mut self, i: i64, v: Self::Value) -> Result<(), Self::Error>;
}

/// `tinsert`: puts `v` at `pos` (after the border `len` when `None`),
/// moving `t[pos..]` up by one; a `pos` past the border leaves a gap, as 5.1 does.
pub fn insert<A: ArrayAccess>(
    a: &mut A,
    len: i64,
    pos: Option<i64>,
    v: A::Value,
) -> Result<(), A::Error> {
    let end = len + 1;
    let pos = match pos {
        None => end,
        Some(pos) => {
            let mut i = end.max(pos);
            while i > pos {
                let below = a.get(i - 1)?;
                a.set(i, below)?;
                i -= 1;
            }
            pos
        }
    };
    a.set(pos, v)
}

/// `tremove`: takes out `t[pos]`, moving `t[pos+1..=len]` down and clearing
/// `t[len]` with `nil`; `None` (no result at all) when `pos` is outside `1..=len`.
pub fn remove<A: ArrayAccess>(
    a: &mut A,
    len: i64,
    pos: i64,
    nil: A::Value,
) -> Result<Option<A::Value>, A::Error> {
    if !(1 <= pos && pos <= len) {
        return Ok(None);
    }
    let removed = a.get(pos)?;
    for i in pos..len {
        let above = a.get(i + 1)?;
        a.set(i, above)?;
    }
    a.set(len, nil)?;
    Ok(Some(removed))
}

/// The order `table.sort` sorts by.
pub trait SortAccess: ArrayAccess {
    /// The comparator, or `<` with metamethods: is `a` before `b`?
    fn less(&mut self, a: &Self::Value, b: &Self::Value) -> Result<bool, Self::Error>;
    /// The error `invalid order function for sorting`.
    fn invalid_order(&mut self) -> Self::Error;
    /// Keeps `v` reachable while comparators run: the pivot (`slot` 0) and the two
    /// elements about to be swapped (1 and 2) are held by the algorithm alone once a
    /// comparator has rewritten the array, and 5.1 keeps them on the Lua stack.
    fn keep(&mut self, slot: usize, v: &Self::Value);
}

/// Sorts elements `1..=n`.
pub fn sort<A: SortAccess>(a: &mut A, n: i64) -> Result<(), A::Error> {
    auxsort(a, 1, n)
}

/// `auxsort(L, l, u)`: recursion only on the smaller part, so the depth is
/// at most log2(n).
fn auxsort<A: SortAccess>(a: &mut A, mut l: i64, mut u: i64) -> Result<(), A::Error> {
    while l < u {
        // Sort a[l], a[(l+u)/2] and a[u].
        let al = a.get(l)?;
        let au = a.get(u)?;
        if a.less(&au, &al)? {
            a.set(l, au)?;
            a.set(u, al)?;
        }
        if u - l == 1 {
            break;
        }
        let mut i = l + (u - l) / 2;
        let ai = a.get(i)?;
        let al = a.get(l)?;
        if a.less(&ai, &al)? {
            a.set(i, al)?;
            a.set(l, ai)?;
        } else {
            let au = a.get(u)?;
            if a.less(&au, &ai)? {
                a.set(i, au)?;
                a.set(u, ai)?;
            }
        }
        if u - l == 2 {
            break;
        }
        let pivot = a.get(i)?;
        a.keep(0, &pivot);
        let before_last = a.get(u - 1)?;
        a.set(i, before_last)?;
        a.set(u - 1, pivot.clone())?;
        // Invariant: a[l..i] <= pivot <= a[j..u].
        i = l;
        let mut j = u - 1;
        loop {
            let ai = loop {
                i += 1;
                let ai = a.get(i)?;
                if !a.less(&ai, &pivot)? {
                    a.keep(1, &ai);
                    break ai;
                }
                if i > u {
                    return Err(a.invalid_order());
                }
            };
            let aj = loop {
                j -= 1;
                let aj = a.get(j)?;
                if !a.less(&pivot, &aj)? {
                    a.keep(2, &aj);
                    break aj;
                }
                if j < l {
                    return Err(a.invalid_order());
                }
            };
            if j < i {
                break;
            }
            a.set(i, aj)?;
            a.set(j, ai)?;
        }
        let last = a.get(u - 1)?;
        let ai = a.get(i)?;
        a.set(u - 1, ai)?;
        a.set(i, last)?;
        // Recurse into the smaller half, loop on the larger.
        let (lo, hi);
        if i - l < u - i {
            lo = l;
            hi = i - 1;
            l = i + 1;
        } else {
            lo = i + 1;
            hi = u;
            u = i - 1;
        }
        auxsort(a, lo, hi)?;
    }
    Ok(())
}

/// The `table` library's natives (ltablib.c) over the algorithms above.
mod natives {
    use lua_core::value::TableRef;
    use lua_core::{LuaError, State, Value};

    use super::{ArrayAccess, SortAccess};
    use crate::libtable::{open_lib, Functions};
    use crate::string::GrowthCheck;

    const FUNCTIONS: &Functions = &[
        ("concat", concat),
        ("foreach", foreach),
        ("foreachi", foreachi),
        ("getn", getn),
        ("insert", insert),
        ("maxn", maxn),
        ("remove", remove),
        ("setn", setn),
        ("sort", sort),
    ];

    /// Opens the `table` table.
    pub fn open(s: &mut State) {
        open_lib(s, "table", FUNCTIONS);
    }

    /// A table's array positions, read and written raw; `comparator` is the
    /// order function of `sort` (nil for `<`).
    struct RawArray<'s> {
        s: &'s mut State,
        t: TableRef,
        comparator: Value,
        /// The first of the three stack slots [`SortAccess::keep`] writes (sort only).
        kept: Option<usize>,
    }

    impl ArrayAccess for RawArray<'_> {
        type Value = Value;
        type Error = LuaError;

        fn get(&mut self, i: i64) -> Result<Value, LuaError> {
            // Every element moved or compared counts, so long shifts stop too.
            self.s.charge(1)?;
            Ok(self.s.heap.table(self.t).get_int(i))
        }

        fn set(&mut self, i: i64, v: Value) -> Result<(), LuaError> {
            // Redis's read-only tables refuse raw stores too (its lua_rawseti).
            if self.s.heap.table(self.t).readonly {
                return Err(self.s.vm_error("Attempt to modify a readonly table"));
            }
            self.s.heap.table_mut(self.t).set_int(i, v);
            Ok(())
        }
    }

    impl SortAccess for RawArray<'_> {
        fn less(&mut self, a: &Value, b: &Value) -> Result<bool, LuaError> {
            if matches!(self.comparator, Value::Nil) {
                return self.s.less(*a, *b, false);
            }
            // The comparator and its arguments live on the stack during the call.
            let at = self.s.top;
            self.s.push(self.comparator);
            self.s.push(*a);
            self.s.push(*b);
            self.s.call(at, 2, 1)?;
            self.s.top = at;
            Ok(self.s.stack[at].truthy())
        }

        fn invalid_order(&mut self) -> LuaError {
            self.s.rt_error("invalid order function for sorting")
        }

        fn keep(&mut self, slot: usize, v: &Value) {
            if let Some(held) = self.kept.and_then(|k| self.s.stack.get_mut(k + slot)) {
                *held = *v;
            }
        }
    }

    /// `aux_getn`: argument 1 must be a table; its border `#t`.
    fn check_len(s: &mut State) -> Result<(TableRef, i64), LuaError> {
        let t = s.check_table(1)?;
        Ok((t, s.heap.table(t).len() as i64))
    }

    /// `luaL_checktype(L, n, LUA_TFUNCTION)`.
    fn check_function(s: &mut State, n: usize) -> Result<Value, LuaError> {
        match s.arg(n) {
            f @ Value::Function(_) => Ok(f),
            _ => Err(s.type_arg_error(n, "function")),
        }
    }

    fn getn(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let (_, n) = check_len(s)?;
        s.push(Value::Number(n as f64));
        Ok(1)
    }

    fn setn(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        s.check_table(1)?;
        Err(s.rt_error("'setn' is obsolete"))
    }

    fn maxn(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let t = s.check_table(1)?;
        let mut max = 0.0f64;
        let mut key = Value::Nil;
        while let Ok(Some((k, _))) = s.heap.table(t).next(key) {
            if let Value::Number(x) = k {
                if x > max {
                    max = x;
                }
            }
            key = k;
        }
        s.push(Value::Number(max));
        Ok(1)
    }

    fn insert(s: &mut State, n: usize) -> Result<usize, LuaError> {
        let (t, len) = check_len(s)?;
        // C ints, as lua5.1 keeps the border and the position.
        let len = i64::from(len as i32);
        let (pos, v) = match n {
            2 => (None, s.arg(2)),
            3 => (Some(i64::from(s.check_c_int(2)?)), s.arg(3)),
            _ => return Err(s.rt_error("wrong number of arguments to 'insert'")),
        };
        let mut a = RawArray {
            s,
            t,
            comparator: Value::Nil,
            kept: None,
        };
        super::insert(&mut a, len, pos, v)?;
        Ok(0)
    }

    fn remove(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let (t, len) = check_len(s)?;
        let len = i64::from(len as i32);
        let pos = i64::from(s.opt_c_int(2, len as i32)?);
        let mut a = RawArray {
            s,
            t,
            comparator: Value::Nil,
            kept: None,
        };
        match super::remove(&mut a, len, pos, Value::Nil)? {
            Some(v) => {
                s.push(v);
                Ok(1)
            }
            None => Ok(0),
        }
    }

    fn sort(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let (t, len) = check_len(s)?;
        let comparator = match s.arg(2) {
            Value::Nil => Value::Nil,
            _ => check_function(s, 2)?,
        };
        let kept = s.top;
        for _ in 0..3 {
            s.push(Value::Nil);
        }
        let mut a = RawArray {
            s,
            t,
            comparator,
            kept: Some(kept),
        };
        super::sort(&mut a, i64::from(len as i32))?;
        Ok(0)
    }

    fn concat(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let sep = match s.arg(2) {
            Value::Nil => Vec::new(),
            _ => s.check_string(2)?,
        };
        let t = s.check_table(1)?;
        let first = s.opt_c_int(3, 1)?;
        let last = match s.arg(4) {
            Value::Nil => s.heap.table(t).len() as i32,
            _ => s.check_c_int(4)?,
        };
        let mut out = Vec::new();
        let mut growth = GrowthCheck::new();
        let mut i = first;
        while i <= last {
            match s.heap.table(t).get_int(i64::from(i)) {
                Value::String(r) => out.extend_from_slice(s.heap.str(r)),
                Value::Number(x) => lua_core::number::write_number(&mut out, x),
                v => {
                    let msg = format!(
                        "invalid value ({}) at index {i} in table for 'concat'",
                        v.type_name()
                    );
                    return Err(s.rt_error(&msg));
                }
            }
            if i == last {
                break;
            }
            out.extend_from_slice(&sep);
            growth.check(s, out.len())?;
            s.charge(1)?;
            i += 1;
        }
        s.check_alloc(out.len())?;
        let v = s.str_value(&out);
        s.push(v);
        Ok(1)
    }

    fn foreachi(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let (t, len) = check_len(s)?;
        let f = check_function(s, 2)?;
        for i in 1..=i64::from(len as i32) {
            let v = s.heap.table(t).get_int(i);
            let at = s.top;
            s.push(f);
            s.push(Value::Number(i as f64));
            s.push(v);
            s.call(at, 2, 1)?;
            if !matches!(s.stack[at], Value::Nil) {
                s.top = at + 1;
                return Ok(1);
            }
            s.top = at;
        }
        Ok(0)
    }

    fn foreach(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let t = s.check_table(1)?;
        let f = check_function(s, 2)?;
        // The key lives on the stack, below the call, so it stays reachable.
        let key_slot = s.top;
        s.push(Value::Nil);
        loop {
            let next = s.heap.table(t).next(s.stack[key_slot]);
            let (k, v) = match next {
                Ok(Some(kv)) => kv,
                Ok(None) => return Ok(0),
                Err(_) => return Err(s.rt_error("invalid key to 'next'")),
            };
            s.stack[key_slot] = k;
            let at = key_slot + 1;
            s.top = at;
            s.push(f);
            s.push(k);
            s.push(v);
            s.call(at, 2, 1)?;
            if !matches!(s.stack[at], Value::Nil) {
                s.top = at + 1;
                return Ok(1);
            }
        }
    }
}

pub use natives::open;

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1-based array of optional integers (None is nil) with a logged comparator.
    struct Array<F: FnMut(Option<i64>, Option<i64>) -> Result<bool, String>> {
        items: Vec<Option<i64>>,
        less: F,
        log: Vec<String>,
    }

    impl<F: FnMut(Option<i64>, Option<i64>) -> Result<bool, String>> ArrayAccess for Array<F> {
        type Value = Option<i64>;
        type Error = String;
        fn get(&mut self, i: i64) -> Result<Option<i64>, String> {
            Ok(usize::try_from(i - 1)
                .ok()
                .and_then(|i| self.items.get(i).copied())
                .flatten())
        }
        fn set(&mut self, i: i64, v: Option<i64>) -> Result<(), String> {
            let i = usize::try_from(i - 1).map_err(|_| "bad index".to_string())?;
            if i >= self.items.len() {
                self.items.resize(i + 1, None);
            }
            self.items[i] = v;
            Ok(())
        }
    }

    impl<F: FnMut(Option<i64>, Option<i64>) -> Result<bool, String>> SortAccess for Array<F> {
        fn less(&mut self, a: &Option<i64>, b: &Option<i64>) -> Result<bool, String> {
            if let (Some(a), Some(b)) = (a, b) {
                self.log.push(format!("{a}>{b}"));
            }
            (self.less)(*a, *b)
        }
        fn invalid_order(&mut self) -> String {
            "invalid order function for sorting".into()
        }
        // Plain integers need no collector.
        fn keep(&mut self, _slot: usize, _v: &Option<i64>) {}
    }

    /// A comparator over numbers, failing on nil as Lua's `<` and `<=` do.
    fn numbers(
        f: impl Fn(i64, i64) -> bool,
    ) -> impl FnMut(Option<i64>, Option<i64>) -> Result<bool, String> {
        move |a, b| match (a, b) {
            (Some(a), Some(b)) => Ok(f(a, b)),
            _ => Err("attempt to compare nil with number".into()),
        }
    }

    fn sorted(
        items: &[i64],
        less: impl FnMut(Option<i64>, Option<i64>) -> Result<bool, String>,
    ) -> (Result<(), String>, String, String) {
        let mut a = Array {
            items: items.iter().map(|&x| Some(x)).collect(),
            less,
            log: Vec::new(),
        };
        let r = sort(&mut a, items.len() as i64);
        let items: Vec<String> = a
            .items
            .iter()
            .map(|x| x.map_or("nil".into(), |x| x.to_string()))
            .collect();
        (r, items.join(","), a.log.join(" "))
    }

    #[test]
    fn same_comparisons_as_lua51() {
        let (r, items, log) = sorted(
            &[5, 3, 8, 1, 9, 2, 7, 4, 6, 10, 15, 12, 11, 14, 13],
            numbers(|a, b| a > b),
        );
        assert_eq!(r, Ok(()));
        assert_eq!(items, "15,14,13,12,11,10,9,8,7,6,5,4,3,2,1");
        assert_eq!(
            log,
            "13>5 4>13 5>4 3>5 5>11 8>5 1>5 5>12 9>5 2>5 5>15 7>5 14>5 6>5 10>5 2>5 5>10 4>1 3>4 1>3 \
             2>3 3>2 3>4 1>2 10>13 9>13 10>9 11>10 8>10 10>14 12>10 6>10 10>7 10>15 6>10 10>15 9>7 \
             8>9 7>8 6>8 8>6 8>9 7>6 15>13 14>15 13>14 11>14 14>12 14>11 14>15 13>12 11>13 12>11"
        );
    }

    #[test]
    fn inconsistent_comparators_as_lua51() {
        let (r, _, _) = sorted(&[5, 4, 3, 2, 1, 6, 7, 8, 9, 10, 11, 12], |_, _| Ok(true));
        assert_eq!(r, Err("invalid order function for sorting".into()));
        let (r, items, _) = sorted(
            &[3, 1, 2, 3, 1, 2, 3, 1, 2, 5, 5, 5, 4],
            numbers(|a, b| a <= b),
        );
        assert_eq!(r, Err("attempt to compare nil with number".into()));
        assert_eq!(items, "3,1,2,3,1,2,2,1,3,4,5,5,5");
        let (r, _, _) = sorted(&[2, 2, 2, 2, 2], numbers(|a, b| a <= b));
        assert_eq!(r, Err("attempt to compare nil with number".into()));
    }

    fn array(items: &[i64]) -> Array<impl FnMut(Option<i64>, Option<i64>) -> Result<bool, String>> {
        Array {
            items: items.iter().map(|&x| Some(x)).collect(),
            less: |_: Option<i64>, _: Option<i64>| Ok(false),
            log: Vec::new(),
        }
    }

    fn show(items: &[Option<i64>]) -> String {
        let shown: Vec<String> = items
            .iter()
            .map(|x| x.map_or("nil".into(), |x| x.to_string()))
            .collect();
        shown.join(",")
    }

    /// The insert/remove sequences of tests/lua/tables.lua, checked on lua5.1.
    #[test]
    fn insert_and_remove_as_lua51() {
        let mut a = array(&[1, 2, 3]);
        insert(&mut a, 3, None, Some(4)).expect("insert");
        insert(&mut a, 4, Some(1), Some(0)).expect("insert");
        insert(&mut a, 5, Some(3), Some(15)).expect("insert");
        assert_eq!(show(&a.items), "0,1,15,2,3,4");
        let mut a = array(&[1, 2, 3]);
        insert(&mut a, 3, Some(10), Some(9)).expect("insert");
        assert_eq!(show(&a.items), "1,2,3,nil,nil,nil,nil,nil,nil,9");
        let mut a = array(&[1, 2, 3, 4]);
        assert_eq!(remove(&mut a, 4, 4, None), Ok(Some(Some(4))));
        assert_eq!(remove(&mut a, 3, 1, None), Ok(Some(Some(1))));
        assert_eq!(show(&a.items), "2,3,nil,nil");
        assert_eq!(remove(&mut a, 2, 5, None), Ok(None));
        assert_eq!(remove(&mut a, 0, 0, None), Ok(None));
    }

    /// Random arrays and comparators, some inconsistent (testdata/sort_random.lua).
    #[test]
    fn random_sorts_as_lua51() {
        let mut count = 0;
        for line in include_str!("testdata/sort_random.txt").lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let [name, before, after, outcome] = f[..] else {
                panic!("bad line {line:?}");
            };
            let items: Vec<i64> = before
                .split(',')
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().expect("number"))
                .collect();
            let order: fn(i64, i64) -> bool = match name {
                "lt" => |a, b| a < b,
                "gt" => |a, b| a > b,
                "le" => |a, b| a <= b,
                "never" => |_, _| false,
                "always" => |_, _| true,
                "mod3" => |a, b| (a + b) % 3 == 0,
                _ => |a, b| a % 10 < b % 10,
            };
            let less = move |a: Option<i64>, b: Option<i64>| match (a, b) {
                (Some(a), Some(b)) => Ok(order(a, b)),
                _ => Err("nil".to_string()),
            };
            let (r, got, _) = sorted(&items, less);
            let got_outcome = match r {
                Ok(()) => "ok".to_string(),
                Err(e) => e,
            };
            assert_eq!(
                (got.as_str(), got_outcome.as_str()),
                (after, outcome),
                "{line}"
            );
            count += 1;
        }
        assert_eq!(count, 1500);
    }

    #[test]
    fn sorts_many() {
        let items: Vec<i64> = (0..5000).map(|i| (i * 7919) % 5003).collect();
        let (r, got, _) = sorted(&items, numbers(|a, b| a < b));
        assert_eq!(r, Ok(()));
        let mut want = items.clone();
        want.sort_unstable();
        let want: Vec<String> = want.iter().map(|x| x.to_string()).collect();
        assert_eq!(got, want.join(","));
    }
}
